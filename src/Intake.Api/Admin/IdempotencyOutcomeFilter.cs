using Intake.Api.Idempotency;
using Intake.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Intake.Api.Admin;

/// <summary>
/// Counts replays and key mismatches from a submission endpoint's result, in memory. Kept out of
/// IdempotentSubmission: it observes the outcome without changing the submit path.
/// </summary>
public sealed class IdempotencyOutcomeFilter(string jobType) : IEndpointFilter
{
    private const string KeyReusedType = ApiProblems.TypePrefix + "idempotency-key-reused";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var outcome = (result is INestedHttpResult nested ? nested.Result : result) switch
        {
            StoredResponseResult { Replayed: true } => IdempotencyOutcomes.Replayed,
            ProblemHttpResult { ProblemDetails.Type: KeyReusedType } => IdempotencyOutcomes.Mismatched,
            _ => null,
        };
        if (outcome is not null)
        {
            context.HttpContext.RequestServices.GetRequiredService<IdempotencyOutcomeCounter>().Record(jobType, outcome);
        }

        return result;
    }
}
