using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Intake.Api.OpenApi;

/// <summary>Declares the bearer JWT scheme that every /v1 operation requires.</summary>
public sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "HS256 JWT; the caller is the `sub` claim. Issuer and audience must match Auth:Issuer and Auth:Audience.",
        };
        return Task.CompletedTask;
    }
}
