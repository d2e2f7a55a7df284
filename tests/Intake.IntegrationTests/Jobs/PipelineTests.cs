using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Jobs;

public sealed class PipelineTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task Document_to_training_run_every_step_succeeds_with_consistent_counts()
    {
        var alice = As("alice");
        var text = TestText.Prose(120);
        var documentId = await alice.CreateDocumentAsync(text, name: "guide.md", contentType: "text/markdown");

        var processJob = await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 400, chunkOverlap = 40 }, key: "pipe-process");
        var processed = await alice.WaitForJobAsync(processJob);
        Assert.Equal("succeeded", processed.GetProperty("status").GetString());
        var processResult = processed.GetProperty("result");
        var chunkCount = processResult.GetProperty("chunkCount").GetInt32();
        Assert.Equal(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length, processResult.GetProperty("wordCount").GetInt32());
        Assert.InRange(processResult.GetProperty("characterCount").GetInt32(), text.Trim().Length - 200, text.Length);
        var tokenCount = processResult.GetProperty("tokenCount").GetInt32();
        Assert.InRange(tokenCount, text.Length / 8, text.Length / 2);

        var document = await alice.GetAsync($"/v1/documents/{documentId}");
        Assert.Equal(chunkCount, document.GetProperty("chunkCount").GetInt32());
        var chunks = (await alice.GetAsync($"/v1/documents/{documentId}/chunks")).GetProperty("chunks").EnumerateArray().ToList();
        Assert.Equal(chunkCount, chunks.Count);
        Assert.True(chunkCount >= tokenCount / 400, $"{chunkCount} chunks of at most 400 tokens cannot cover {tokenCount}");
        Assert.All(chunks, c => Assert.InRange(c.GetProperty("tokenCount").GetInt32(), 1, 400));
        Assert.Equal(Enumerable.Range(0, chunkCount), chunks.Select(c => c.GetProperty("ordinal").GetInt32()));

        var generateJob = await alice.SubmitJobAsync("generate-training-data",
            new { documentIds = new[] { documentId }, format = "completion", validationFraction = 0.25 }, key: "pipe-generate");
        var generated = await alice.WaitForJobAsync(generateJob);
        Assert.Equal("succeeded", generated.GetProperty("status").GetString());
        var generateResult = generated.GetProperty("result");
        var datasetId = generateResult.GetProperty("datasetId").GetGuid();
        var exampleCount = generateResult.GetProperty("exampleCount").GetInt32();
        Assert.Equal(exampleCount, generateResult.GetProperty("trainCount").GetInt32() + generateResult.GetProperty("validationCount").GetInt32());
        Assert.True(exampleCount > 0 && exampleCount <= chunkCount);

        var dataset = await alice.GetAsync($"/v1/datasets/{datasetId}");
        Assert.Equal(exampleCount, dataset.GetProperty("exampleCount").GetInt32());
        var jsonl = await alice.Http.GetStringAsync($"/v1/datasets/{datasetId}/examples");
        var lines = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(exampleCount, lines.Length);
        Assert.All(lines, line =>
        {
            var example = System.Text.Json.JsonDocument.Parse(line).RootElement;
            Assert.False(string.IsNullOrWhiteSpace(example.GetProperty("prompt").GetString()));
            Assert.StartsWith(" ", example.GetProperty("completion").GetString());
        });
        var validationLines = (await alice.Http.GetStringAsync($"/v1/datasets/{datasetId}/examples?split=validation"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(generateResult.GetProperty("validationCount").GetInt32(), validationLines.Length);

        var trainJob = await alice.SubmitJobAsync("start-training", new { datasetId, epochs = 2 }, key: "pipe-train");
        var trained = await alice.WaitForJobAsync(trainJob, TimeSpan.FromSeconds(90));
        Assert.Equal("succeeded", trained.GetProperty("status").GetString());
        var runId = trained.GetProperty("result").GetProperty("trainingRunId").GetGuid();
        var run = await alice.GetAsync($"/v1/training-runs/{runId}");
        Assert.Equal(datasetId, run.GetProperty("datasetId").GetGuid());
        Assert.Equal("trained", run.GetProperty("status").GetString());
        Assert.Equal(2, run.GetProperty("epochs").GetInt32());
        Assert.Equal(generateResult.GetProperty("trainCount").GetInt32(), run.GetProperty("plan").GetProperty("trainExamples").GetInt32());

        // It learned: better than a model that knows nothing, and better after each epoch.
        var curve = run.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(2, curve.Count);
        var uniform = run.GetProperty("uniformPerplexity").GetDouble();
        var final = run.GetProperty("finalValidationPerplexity").GetDouble();
        Assert.True(final < uniform / 2, $"validation perplexity {final} vs uniform {uniform}");
        Assert.True(curve[1].GetProperty("validationLoss").GetDouble() < curve[0].GetProperty("validationLoss").GetDouble());

        var model = await alice.Http.GetByteArrayAsync($"/v1/training-runs/{runId}/model");
        Assert.Equal(run.GetProperty("modelSizeBytes").GetInt64(), model.Length);
        Assert.Equal(uniform, Intake.Training.CharMlpModel.Deserialize(model).UniformPerplexity, 6);

        using var sample = await alice.PostAsync($"/v1/training-runs/{runId}/sample", """{"prompt":"Sentence ","maxTokens":40,"seed":7}""");
        var sampled = await ApiClient.ExpectAsync(sample, System.Net.HttpStatusCode.OK);
        Assert.InRange(sampled.GetProperty("text").GetString()!.Length, 1, 80);
    }

    [Fact]
    public async Task Status_by_key_and_listing_show_the_callers_jobs_newest_first_page_by_page()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(5));
        var submitted = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            submitted.Add(await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 200 + i }, key: $"list-key-{i}"));
        }

        var byKey = await alice.GetAsync("/v1/jobs/by-key/list-key-3");
        Assert.Equal(submitted[3], byKey.GetProperty("jobId").GetGuid());
        Assert.Equal("list-key-3", byKey.GetProperty("idempotencyKey").GetString());
        Assert.Equal("process-document", byKey.GetProperty("type").GetString());

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await alice.GetAsync(cursor is null ? "/v1/jobs?limit=2" : $"/v1/jobs?limit=2&after={cursor}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("jobId").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(submitted), seen);

        var filtered = await alice.GetAsync("/v1/jobs?type=start-training");
        Assert.Empty(filtered.GetProperty("items").EnumerateArray());
        using var badFilter = await alice.Http.GetAsync("/v1/jobs?status=sleeping");
        await ApiClient.ExpectProblemAsync(badFilter, System.Net.HttpStatusCode.BadRequest, "validation-failed");
    }
}
