using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Intake.Api.Auth;
using Intake.Api.Idempotency;
using Intake.Api.Problems;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Intake.Api.Documents;

public static class DocumentsApi
{
    public const string ResourceType = "document";
    public const long MaxContentBytes = 5 * 1024 * 1024;

    // JSON escaping can make the body longer than the content it carries.
    private const long MaxBodyBytes = 2 * MaxContentBytes + 64 * 1024;

    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/documents").RequireAuthorization().WithTags("Documents");
        group.MapPost("/", CreateDocument);
        group.MapGet("/{documentId:guid}", GetDocument);
        group.MapGet("/{documentId:guid}/chunks", GetChunks);
        return group;
    }

    public static async Task<Results<StoredResponseResult, ProblemHttpResult, ValidationProblem>> CreateDocument(
        HttpContext http, SubmissionReader reader, IdempotentSubmission submission, IntakeDbContext db)
    {
        var (request, problem) = await reader.ReadAsync(http, "/v1/documents", MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        if (!RequestBinding.TryBind<CreateDocumentRequest>(request!.Body, out var body, out problem))
        {
            return problem;
        }

        var errors = body.Validate();
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var content = body.Content!;
        var bytes = Encoding.UTF8.GetBytes(content);
        if (bytes.Length > MaxContentBytes)
        {
            return ApiProblems.PayloadTooLarge(MaxContentBytes);
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var result = await submission.ExecuteAsync(request, ResourceType, (now, _) =>
        {
            var document = new Document
            {
                Id = Guid.CreateVersion7(now),
                UserId = request.UserId,
                Name = body.Name!,
                ContentType = body.ContentType!,
                Content = bytes,
                SizeBytes = bytes.Length,
                Sha256 = sha256,
                CreatedAt = now,
            };
            db.Documents.Add(document);
            var created = new DocumentCreated(document.Id, document.Name, document.ContentType, document.SizeBytes, sha256, now);
            var response = new StoredResponse(
                StatusCodes.Status201Created,
                $"/v1/documents/{document.Id}",
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
            .Select(c => new ChunkView(c.Ordinal, c.Content, c.StartOffset, c.CharacterCount, c.WordCount))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new DocumentChunks(documentId, chunks.Count, chunks));
    }
}
