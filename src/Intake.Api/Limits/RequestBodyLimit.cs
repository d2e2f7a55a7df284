using Microsoft.AspNetCore.Http.Metadata;

namespace Intake.Api.Limits;

/// <summary>Endpoint metadata: the most a route's body may be, enforced by the server while it is read.</summary>
public sealed record RequestBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
