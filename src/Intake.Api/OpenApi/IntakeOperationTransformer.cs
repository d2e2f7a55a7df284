using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Intake.Api.Idempotency;

namespace Intake.Api.OpenApi;

/// <summary>
/// Adds to each /v1 operation what the handlers' signatures cannot tell the generator: bearer auth,
/// the idempotency headers on submissions, and the RFC 9457 problem statuses it can answer.
/// </summary>
public sealed class IntakeOperationTransformer : IOpenApiOperationTransformer
{
    private const string ProblemMediaType = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = context.Description.RelativePath ?? "";
        if (!path.StartsWith("v1/", StringComparison.OrdinalIgnoreCase) && !string.Equals(path, "v1", StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(BearerSecuritySchemeTransformer.SchemeName, context.Document)] = [],
        });

        operation.Responses ??= new OpenApiResponses();
        AddProblem(operation, 401, "No bearer token, or an invalid or expired one (`unauthorized`).");
        AddProblem(operation, 429, "Too many requests from this caller (`rate-limited`); see `Retry-After`.");

        // The explorer keeps route constraints ({jobId:guid}); the table is written without them.
        var template = Regex.Replace(path, @"\{(\w+):[^}]*\}", "{$1}").TrimEnd('/');
        var key = $"{context.Description.HttpMethod} {template}";
        if (!RouteResponses.ByOperation.TryGetValue(key, out var description))
        {
            return Task.CompletedTask;
        }

        foreach (var status in description.Problems)
        {
            AddProblem(operation, status, ProblemDescriptions.For(status));
        }

        var success = description.Success.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses.TryGetValue(success, out var successResponse))
        {
            successResponse = new OpenApiResponse { Description = "Success" };
            operation.Responses[success] = successResponse;
        }

        if (description.Idempotent)
        {
            DescribeIdempotency(operation, successResponse);
        }

        return Task.CompletedTask;
    }

    private static void DescribeIdempotency(OpenApiOperation operation, IOpenApiResponse successResponse)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(KeyHeader(IdempotencyKeyParser.HeaderName,
            "Optional key scoping this request to the caller: 3–256 of [A-Za-z0-9_-], bare or as a quoted sf-string. " +
            "A repeat with the same request replays the first response; with another request it is 422 `idempotency-key-reused`."));
        operation.Parameters.Add(KeyHeader(IdempotencyKeyParser.LegacyHeaderName,
            "Older name of Idempotency-Key; both headers with different keys are 400 `invalid-idempotency-key`."));

        if (successResponse is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[StoredResponseResult.ReplayedHeader] = new OpenApiHeader
            {
                Description = "`true` when this is the stored response of an earlier request with the same key, replayed byte for byte.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }

    private static OpenApiParameter KeyHeader(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = IdempotencyKeyParser.MinLength, MaxLength = IdempotencyKeyParser.MaxLength + 2 },
    };

    private static void AddProblem(OpenApiOperation operation, int status, string description)
    {
        operation.Responses![status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemMediaType] = new() },
        };
    }
}
