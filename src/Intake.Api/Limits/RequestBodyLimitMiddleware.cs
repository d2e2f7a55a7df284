using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Intake.Api.Limits;

/// <summary>
/// Applies the matched endpoint's <see cref="IRequestSizeLimitMetadata"/> to the server's body
/// limit before the handler reads the body. Servers without the feature (TestServer) skip it.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is not null && feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit.MaxRequestBodySize;
        }

        return next(context);
    }
}
