using System.Net.Http.Headers;
using System.Text.Json;
using Intake.Bench.Auth;

namespace Intake.Bench.Api;

/// <summary>Creates simulated users, each with a token and uploaded documents (setup, not measured).</summary>
public sealed class UserFixture(IntakeClient client, TokenFactory tokens)
{
    /// <summary>One user per name, each with one small document.</summary>
    public async Task<IReadOnlyList<BenchUser>> CreateAsync(IEnumerable<string> userIds, int documentCharacters, CancellationToken cancellationToken)
    {
        var users = new List<BenchUser>();
        foreach (var batch in userIds.Chunk(16))
        {
            users.AddRange(await Task.WhenAll(batch.Select(async id =>
            {
                var authorization = Authorization(id);
                var documentId = await UploadAsync(authorization, id, 0, documentCharacters, cancellationToken);
                return new BenchUser(id, authorization, documentId);
            })));
        }

        return users;
    }

    /// <summary>
    /// <paramref name="count"/> documents for one user (end to end: one document per job, so no two
    /// jobs rewrite the same document's chunks).
    /// </summary>
    public async Task<IReadOnlyList<string>> UploadManyAsync(string userId, int count, int documentCharacters, int concurrency, CancellationToken cancellationToken)
    {
        var authorization = Authorization(userId);
        var ids = new string[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                ids[i] = await UploadAsync(authorization, userId, i, documentCharacters, cancellationToken);
            }
        }));
        return ids;
    }

    public AuthenticationHeaderValue Authorization(string userId) => new("Bearer", tokens.Mint(userId));

    private async Task<string> UploadAsync(AuthenticationHeaderValue authorization, string userId, int index, int characters, CancellationToken cancellationToken)
    {
        var seed = (index * 7919) + userId.Length;
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            name = $"bench-{index}.md",
            contentType = "text/markdown",
            content = SampleText.Document(seed, characters),
        });
        var response = await client.PostJsonAsync("/v1/documents", authorization, null, body, cancellationToken);
        if (response.Status != 201 || response.DocumentId is not { } documentId)
        {
            throw new InvalidOperationException($"uploading a document for {userId} failed: {response.Describe()}");
        }

        return documentId;
    }
}
