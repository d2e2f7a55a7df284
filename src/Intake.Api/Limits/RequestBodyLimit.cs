using Microsoft.AspNetCore.Http.Metadata;

namespace Intake.Api.Limits;

/// <summary>
/// Endpoint metadata: the most a route's body may be. The routing middleware applies it to the
/// server's body limit (IHttpMaxRequestBodySizeFeature) once the route is matched; TestServer has
/// no such feature and logs a warning instead.
/// </summary>
public sealed record RequestBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
