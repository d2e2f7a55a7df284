using Scalar.AspNetCore;

namespace Intake.Api.OpenApi;

public static class OpenApiExtensions
{
    public const string DocumentName = "v1";

    /// <summary>The OpenAPI description of /v1, with auth, idempotency headers and problem statuses.</summary>
    public static IHostApplicationBuilder AddIntakeOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddOperationTransformer<IntakeOperationTransformer>();
        });
        return builder;
    }

    /// <summary>/openapi/v1.json and the interactive reference at /docs, both anonymous.</summary>
    public static WebApplication MapIntakeApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs").AllowAnonymous();
        return app;
    }
}
