namespace Intake.Api.Admin;

public static class IdempotencyOutcomeEndpointExtensions
{
    /// <summary>Counts this submission endpoint's replays and mismatches under <paramref name="jobType"/> (its key rows' resource type).</summary>
    public static TBuilder CountsIdempotencyOutcomes<TBuilder>(this TBuilder builder, string jobType)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(new IdempotencyOutcomeFilter(jobType));
        return builder;
    }
}
