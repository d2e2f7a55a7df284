using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Intake.IntegrationTests.Infrastructure;
using Npgsql;

namespace Intake.IntegrationTests.Fuzzing;

/// <summary>
/// A few hundred hostile requests against every submission route. Whatever comes in: never a 5xx,
/// every 4xx is an RFC 9457 problem with a stable urn:intake:problem: type, and a refused request
/// leaves jobs, keys, outbox and documents exactly as they were.
/// </summary>
public sealed class PublicSurfaceFuzzTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private const int Seed = 20261128;
    private const string User = "fuzzer";

    [Fact]
    public async Task Hostile_requests_never_get_a_5xx_always_get_a_typed_problem_and_never_write_partially()
    {
        // Rate limiting off: hundreds of requests from one caller are the point here.
        await using var api = new IntakeApiFactory(new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" });
        using var http = api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(User));
        var targets = new FuzzTargets(await new ApiClient(http).CreateDocumentAsync(TestText.Prose(5)), await InsertDatasetAsync());

        var corpus = FuzzCorpus.Generate(targets, Seed);
        Assert.True(corpus.Count >= 300, $"only {corpus.Count} cases");

        await using var connection = new NpgsqlConnection(Stack.Postgres.ConnectionString);
        await connection.OpenAsync();
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();
        foreach (var fuzz in corpus)
        {
            var before = await WriteCounts.ReadAsync(connection);
            using var response = await http.SendAsync(Request(fuzz));
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            var written = (await WriteCounts.ReadAsync(connection)).Minus(before);

            var failure = Check(fuzz, response, status, text, written);
            if (failure is not null)
            {
                failures.Add($"{fuzz}: {failure}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count} cases failed:\n{string.Join("\n", failures)}");

        // The corpus must reach both sides: refusals of every kind and some accepted requests.
        Assert.All(new[] { 400, 413, 415, 422 }, s => Assert.True(statuses.ContainsKey(s), $"no {s}: {string.Join(", ", statuses)}"));
        Assert.True(statuses.Keys.Any(s => s is 201 or 202), string.Join(", ", statuses));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the corpus took {clock.Elapsed}");
    }

    private static string? Check(FuzzCase fuzz, HttpResponseMessage response, int status, string text, WriteCounts written)
    {
        if (status >= 500)
        {
            return $"{status} {Short(text)}";
        }

        if (status >= 400)
        {
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                return $"{status} without problem+json: {response.Content.Headers.ContentType} {Short(text)}";
            }

            using var problem = JsonDocument.Parse(text);
            var type = problem.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type is null || !type.StartsWith("urn:intake:problem:", StringComparison.Ordinal))
            {
                return $"{status} with type {type ?? "(none)"}";
            }

            if (!problem.RootElement.TryGetProperty("status", out var s) || s.GetInt32() != status)
            {
                return $"{status} with a problem status of {Short(text)}";
            }

            return written == new WriteCounts(0, 0, 0, 0) ? null : $"{status} {type} but wrote {written}";
        }

        // Accepted: all of one submission or nothing (a replay), never part of one.
        // An empty header value may not even be sent; a whitespace one is a 400 above.
        var keyed = fuzz.Headers.Any(h => h.Value.Any(v => !string.IsNullOrWhiteSpace(v)));
        var expected = (fuzz.IsDocumentRoute, Replay: written.Jobs + written.Documents == 0) switch
        {
            (_, true) => new WriteCounts(0, 0, 0, 0),
            (true, false) => new WriteCounts(0, keyed ? 1 : 0, 0, 1),
            (false, false) => new WriteCounts(1, keyed ? 1 : 0, 1, 0),
        };
        return status is 200 or 201 or 202 && written == expected ? null : $"{status}, expected {expected}, wrote {written}";
    }

    private static HttpRequestMessage Request(FuzzCase fuzz)
    {
        var content = new ByteArrayContent(fuzz.Body);
        if (fuzz.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, fuzz.Route) { Content = content };
        foreach (var (name, values) in fuzz.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, values);
        }

        return request;
    }

    private async Task<Guid> InsertDatasetAsync()
    {
        // An (empty) dataset of the fuzzer's, so start-training bodies get as far as the write.
        var id = Guid.NewGuid();
        await Stack.Postgres.ScalarAsync(
            """
            INSERT INTO datasets (id, user_id, job_id, format, document_ids, example_count, train_count, validation_count,
                duplicates_removed, validation_fraction, created_at)
            VALUES ($1, $2, gen_random_uuid(), 'completion', '{}', 0, 0, 0, 0, 0.1, now())
            """, id, User);
        return id;
    }

    private static string Short(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
