using System.Text.RegularExpressions;
using Intake.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.IntegrationTests.Security;

/// <summary>One /v1 route as the running app registered it.</summary>
public sealed record V1Route(string Method, string Pattern)
{
    /// <summary>The pattern without route constraints, as the OpenAPI document writes it: /v1/jobs/{jobId}.</summary>
    public string Template => Regex.Replace(Pattern, @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/');

    public IReadOnlyList<string> Parameters => Regex.Matches(Template, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToList();

    /// <summary>A concrete path, each parameter filled by <paramref name="valueFor"/>.</summary>
    public string PathWith(Func<string, string> valueFor) =>
        Regex.Replace(Template, @"\{(\w+)\}", m => valueFor(m.Groups[1].Value));

    public override string ToString() => $"{Method} {Template}";

    /// <summary>
    /// Every /v1 route of the app, read from its endpoint data source, so a route added later is in
    /// every matrix without anyone remembering to list it.
    /// </summary>
    public static IReadOnlyList<V1Route> All(IntakeStackFixture stack) =>
        stack.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new V1Route(method, e.RoutePattern.RawText!)))
            .Distinct()
            .OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
}
