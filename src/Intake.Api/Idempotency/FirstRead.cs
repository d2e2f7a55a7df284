using Microsoft.AspNetCore.Http.HttpResults;

namespace Intake.Api.Idempotency;

/// <summary>
/// What a submission's first round trip found: the row stored under its key (possibly expired),
/// and the problem to answer if a resource it names does not exist.
/// </summary>
public sealed record FirstRead(StoredKey? Stored, ProblemHttpResult? MissingReference)
{
    public static readonly FirstRead Nothing = new(null, null);
}
