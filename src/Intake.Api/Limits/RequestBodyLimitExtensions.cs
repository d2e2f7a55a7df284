using Microsoft.Extensions.Options;

namespace Intake.Api.Limits;

public static class RequestBodyLimitExtensions
{
    /// <summary>
    /// Sets the route's server-side body limit from <see cref="LimitsOptions"/>. The handler checks
    /// the same limit itself (TestServer and a known Content-Length never reach the server's check);
    /// the server limit also stops a chunked body that the handler would otherwise keep reading.
    /// </summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, Func<LimitsOptions, long> limit)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.Metadata.Add(new RequestBodyLimit(
            limit(endpoint.ApplicationServices.GetRequiredService<IOptions<LimitsOptions>>().Value))));
        return builder;
    }
}
