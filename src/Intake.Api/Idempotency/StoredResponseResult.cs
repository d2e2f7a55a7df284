using Microsoft.AspNetCore.Http.Metadata;
using System.Reflection;

namespace Intake.Api.Idempotency;

/// <summary>Writes a <see cref="StoredResponse"/>; on a replay it adds the replay headers.</summary>
public sealed class StoredResponseResult(StoredResponse response, bool replayed) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public const string ReplayedHeader = "Idempotency-Replayed";
    public const string LegacyReplayedHeader = "X-Idempotency-Replay";

    public int? StatusCode => response.StatusCode;

    public bool Replayed => replayed;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext.Response;
        http.StatusCode = response.StatusCode;
        http.ContentType = "application/json; charset=utf-8";
        http.ContentLength = response.Body.Length;
        if (response.Location is not null)
        {
            http.Headers.Location = response.Location;
        }

        if (replayed)
        {
            http.Headers[ReplayedHeader] = "true";
            http.Headers[LegacyReplayedHeader] = "true";
        }

        await http.Body.WriteAsync(response.Body, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted, typeof(void), ["application/json"]));
}
