using System.Buffers;
using System.Text.Json;
using Intake.Api.Auth;
using Intake.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Intake.Api.Idempotency;

/// <summary>
/// Turns an HTTP submission into a <see cref="SubmissionRequest"/>, or into the problem that
/// explains why not. Nothing here touches the database, so a rejected request stores nothing
/// under its key and the client may fix it and reuse the key.
/// </summary>
public sealed class SubmissionReader(IOptions<IdempotencyOptions> options)
{
    /// <param name="bodyOptional">An empty body counts as <c>{}</c> (actions such as retry take no body).</param>
    public async Task<(SubmissionRequest? Request, ProblemHttpResult? Problem)> ReadAsync(
        HttpContext http, string route, long maxBodyBytes, bool bodyOptional = false)
    {
        var (parsed, keyProblem) = ReadKey(http);
        if (keyProblem is not null)
        {
            return (null, keyProblem);
        }

        var empty = http.Request.ContentLength == 0
            || (http.Request.ContentLength is null && http.Request.ContentType is null && !http.Request.Headers.TransferEncoding.Any());
        if (bodyOptional && empty)
        {
            using var none = JsonDocument.Parse("{}");
            var emptyObject = none.RootElement.Clone();
            var emptyFingerprint = RequestFingerprint.Compute(http.Request.Method, route, emptyObject);
            return (new SubmissionRequest(http.User.GetUserId(), parsed.Key, http.Request.Method, route, emptyObject, emptyFingerprint), null);
        }

        if (!http.Request.HasJsonContentType())
        {
            return (null, ApiProblems.UnsupportedMediaType());
        }

        if (http.Request.ContentLength > maxBodyBytes)
        {
            return (null, ApiProblems.PayloadTooLarge(maxBodyBytes));
        }

        var bytes = await ReadBoundedAsync(http.Request, maxBodyBytes, http.RequestAborted);
        if (bytes is null)
        {
            return (null, ApiProblems.PayloadTooLarge(maxBodyBytes));
        }

        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
            body = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            return (null, ApiProblems.InvalidJson($"The body is not valid JSON: {exception.Message}"));
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, ApiProblems.InvalidJson("The body must be a JSON object."));
        }

        if (!IsWellFormedUnicode(body))
        {
            return (null, ApiProblems.InvalidJson("The body contains a string that is not valid Unicode (a lone surrogate escape)."));
        }

        if (ContainsNul(body))
        {
            // PostgreSQL text and jsonb cannot hold U+0000: refused here, it used to fail the insert (500).
            return (null, ApiProblems.InvalidJson("The body contains a string with the character U+0000, which cannot be stored."));
        }

        var fingerprint = RequestFingerprint.Compute(http.Request.Method, route, body);
        return (new SubmissionRequest(http.User.GetUserId(), parsed.Key, http.Request.Method, route, body, fingerprint), null);
    }

    /// <summary>The idempotency key of the request (null when none was sent), or why it is unusable.</summary>
    public (IdempotencyKeyParseResult Key, ProblemHttpResult? Problem) ReadKey(HttpContext http)
    {
        // Every submission reads its key first: from here on its outcome is counted.
        SubmissionOutcomes.Track(http);
        var parsed = IdempotencyKeyParser.Parse(
            http.Request.Headers[IdempotencyKeyParser.HeaderName],
            http.Request.Headers[IdempotencyKeyParser.LegacyHeaderName]);
        if (parsed.Error is not null)
        {
            return (parsed, ApiProblems.InvalidIdempotencyKey(parsed.Error));
        }

        if (parsed.Key is null && options.Value.RequireKey)
        {
            return (parsed, ApiProblems.MissingIdempotencyKey());
        }

        return (parsed, null);
    }

    /// <summary>JSON allows escapes of lone surrogates; no string of ours may contain one.</summary>
    private static bool IsWellFormedUnicode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().All(p =>
            RequestFingerprint.TryDecode(() => p.Name, out _) && IsWellFormedUnicode(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().All(IsWellFormedUnicode),
        JsonValueKind.String => RequestFingerprint.TryDecode(element.GetString, out _),
        _ => true,
    };

    /// <summary>Whether any property name or string value contains U+0000 (called once the body is well-formed Unicode).</summary>
    private static bool ContainsNul(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p => p.Name.Contains('\0') || ContainsNul(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(ContainsNul),
        JsonValueKind.String => element.GetString()!.Contains('\0'),
        _ => false,
    };

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes; null when the body is longer. A declared
    /// length (the usual case, already checked against the limit) is read straight into a buffer
    /// of that size: a job's body is a few hundred bytes, and zeroing a fixed 80 KB chunk for each
    /// request cost more than parsing the body. A chunked body is read through a pooled buffer.
    /// </summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared)
        {
            // The server ends a short body with an error; a host that does not is given what came.
            var exact = new byte[declared];
            var filled = await ReadChunkAsync(request.Body, exact, cancellationToken);
            return filled < 0 ? null : filled == exact.Length ? exact : exact[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await ReadChunkAsync(request.Body, chunk, cancellationToken)) != 0)
            {
                if (read < 0 || buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Fills <paramref name="chunk"/> unless the body ends first (the bytes read);
    /// -1 when the server's body limit (a chunked body) stopped it.
    /// </summary>
    private static async Task<int> ReadChunkAsync(Stream body, Memory<byte> chunk, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAtLeastAsync(chunk, chunk.Length, throwOnEndOfStream: false, cancellationToken);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return -1;
        }
    }
}
