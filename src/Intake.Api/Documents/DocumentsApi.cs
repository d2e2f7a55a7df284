using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Intake.Api.Admin;
using Intake.Api.Auth;
using Intake.Api.Idempotency;
using Intake.Api.Limits;
using Intake.Api.Problems;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Intake.Api.Documents;

public static class DocumentsApi
{
    public const string ResourceType = "document";
    public const string Route = "/v1/documents";

    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Route).RequireAuthorization().WithTags("Documents");
        group.MapPost("/", CreateDocument).DisableAntiforgery()
            .WithBodyLimit(l => Math.Max(l.DocumentJsonBodyBytes, l.DocumentMultipartBodyBytes))
            .CountsIdempotencyOutcomes(ResourceType);
        group.MapGet("/{documentId:guid}", GetDocument);
        group.MapGet("/{documentId:guid}/chunks", GetChunks);
        return group;
    }

    /// <summary>Stores a document, from JSON (text types) or multipart/form-data (any file, by default up to 25 MiB).</summary>
    public static async Task<Results<StoredResponseResult, ProblemHttpResult, ValidationProblem>> CreateDocument(
        HttpContext http, SubmissionReader reader, IdempotentSubmission submission, IntakeDbContext db, IOptions<LimitsOptions> limits)
    {
        var read = http.Request.HasFormContentType
            ? await MultipartUploadReader.ReadAsync(http, reader, limits.Value)
            : await JsonUploadReader.ReadAsync(http, reader, limits.Value);
        if (read.Invalid is not null)
        {
            return read.Invalid;
        }

        if (read.Upload is not { } upload)
        {
            return read.Problem!;
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(upload.Content));
        var result = await submission.ExecuteAsync(upload.Request, ResourceType, (now, _) =>
        {
            var document = new Document
            {
                Id = Guid.CreateVersion7(now),
                UserId = upload.Request.UserId,
                Name = upload.Name,
                ContentType = upload.ContentType,
                Content = upload.Content,
                SizeBytes = upload.Content.Length,
                Sha256 = sha256,
                CreatedAt = now,
            };
            db.Documents.Add(document);
            var created = new DocumentCreated(document.Id, document.Name, document.ContentType, document.SizeBytes, sha256, now);
            var response = new StoredResponse(
                StatusCodes.Status201Created,
                $"{Route}/{document.Id}",
                JsonSerializer.SerializeToUtf8Bytes(created, IntakeJson.Options));
            return Task.FromResult<StageOutcome>(new StagedSubmission(document.Id, response, SendsCommand: false));
        }, http);

        return result.Result switch
        {
            StoredResponseResult stored => stored,
            ProblemHttpResult failure => failure,
            _ => throw new InvalidOperationException("Unexpected submission result."),
        };
    }

    public static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> GetDocument(
        Guid documentId, ClaimsPrincipal user, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var document = await db.Documents.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == documentId && d.UserId == userId, cancellationToken);
        return document is null ? ApiProblems.NotFound($"Document {documentId}") : TypedResults.Ok(DocumentView.From(document));
    }

    public static async Task<Results<Ok<DocumentChunks>, ProblemHttpResult>> GetChunks(
        Guid documentId, ClaimsPrincipal user, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        if (!await db.Documents.AnyAsync(d => d.Id == documentId && d.UserId == userId, cancellationToken))
        {
            return ApiProblems.NotFound($"Document {documentId}");
        }

        var chunks = await db.DocumentChunks.AsNoTracking()
            .Where(c => c.DocumentId == documentId)
            .OrderBy(c => c.Ordinal)
            .Select(c => new ChunkView(c.Ordinal, c.Content, c.TokenCount, c.SectionTitle, c.Page, c.StartOffset, c.CharacterCount, c.WordCount))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new DocumentChunks(documentId, chunks.Count, chunks));
    }
}
