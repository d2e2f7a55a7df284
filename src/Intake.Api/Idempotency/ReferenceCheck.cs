using Microsoft.AspNetCore.Http.HttpResults;

namespace Intake.Api.Idempotency;

/// <summary>
/// Resources a submission names (its documents, its dataset), looked up in the same round trip as
/// its idempotency key rather than in one of their own. Only the caller's rows count: the SQL says
/// so, and row-level security would hide anyone else's anyway. The answer is used only when there
/// is no live key to replay, so a replay answers as first given even if the resource has gone since.
/// </summary>
/// <param name="Sql">Takes the user id ($1) and the ids ($2, uuid[]); returns the ids that exist.</param>
/// <param name="Missing">The problem to answer when some of <paramref name="Ids"/> were not found.</param>
public sealed record ReferenceCheck(string Sql, Guid[] Ids, Func<IReadOnlyList<Guid>, ProblemHttpResult> Missing)
{
    public static ReferenceCheck Documents(Guid[] ids, Func<IReadOnlyList<Guid>, ProblemHttpResult> missing) =>
        new("SELECT id FROM documents WHERE user_id = $1 AND id = ANY($2)", ids, missing);

    public static ReferenceCheck Dataset(Guid id, Func<IReadOnlyList<Guid>, ProblemHttpResult> missing) =>
        new("SELECT id FROM datasets WHERE user_id = $1 AND id = ANY($2)", [id], missing);
}
