using System.Net;
using System.Net.Http.Headers;
using Intake.IntegrationTests.Infrastructure;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Intake.IntegrationTests.Jobs;

public sealed class DocumentFormatsTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task A_pdf_uploaded_as_multipart_is_replayed_under_its_key_and_chunked_page_by_page()
    {
        var alice = As("alice");
        var pdf = TwoPagePdf();

        using var first = await UploadAsync(alice, pdf, "report.pdf", "application/octet-stream", key: "pdf-key");
        using var again = await UploadAsync(alice, pdf, "report.pdf", "application/octet-stream", key: "pdf-key");
        using var otherFile = await UploadAsync(alice, [.. pdf, (byte)' '], "report.pdf", "application/octet-stream", key: "pdf-key");

        var created = await ApiClient.ExpectAsync(first, HttpStatusCode.Created);
        Assert.Equal("application/pdf", created.GetProperty("contentType").GetString());
        Assert.Equal(pdf.Length, created.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.True(again.Headers.Contains("Idempotency-Replayed"));
        await ApiClient.ExpectProblemAsync(otherFile, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents"));

        var documentId = created.GetProperty("documentId").GetGuid();
        var job = await alice.WaitForJobAsync(await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 200, chunkOverlap = 0 }));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("result").GetProperty("pageCount").GetInt32());

        var chunks = (await alice.GetAsync($"/v1/documents/{documentId}/chunks")).GetProperty("chunks").EnumerateArray().ToList();
        Assert.Equal([1, 2], chunks.Select(c => c.GetProperty("page").GetInt32()).Distinct().Order());
        Assert.Contains(chunks, c => c.GetProperty("content").GetString()!.Contains("The second page talks about lighthouses."));
        Assert.Contains(chunks, c => c.GetProperty("sectionTitle").GetString() == "Overview");
    }

    [Fact]
    public async Task Html_is_stripped_of_scripts_and_navigation_and_headings_become_section_titles()
    {
        var alice = As("alice");
        const string html = """
            <html><head><script>var secret = "script junk";</script><style>p { color: red }</style></head>
            <body><nav>Home | About | navigation junk</nav>
            <h1>Tides</h1><p>A tide is the rise and fall of sea levels caused by the moon.</p>
            <h2>Spring tides</h2><p>Spring tides happen when the sun and moon align.</p>
            <footer>footer junk</footer></body></html>
            """;
        var documentId = await alice.CreateDocumentAsync(html, name: "tides.html", contentType: "text/html");

        var job = await alice.WaitForJobAsync(await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 200, chunkOverlap = 0 }));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());

        var chunks = (await alice.GetAsync($"/v1/documents/{documentId}/chunks")).GetProperty("chunks").EnumerateArray().ToList();
        var all = string.Join("\n", chunks.Select(c => c.GetProperty("content").GetString()));
        Assert.Contains("rise and fall of sea levels", all);
        Assert.DoesNotContain("junk", all);
        Assert.Equal("Tides", chunks[0].GetProperty("sectionTitle").GetString());

        // qa questions come from definitions and headings; chat examples carry the same as messages.
        var generated = await alice.WaitForJobAsync(await alice.SubmitJobAsync("generate-training-data",
            new { documentIds = new[] { documentId }, format = "chat", validationFraction = 0 }));
        var datasetId = generated.GetProperty("result").GetProperty("datasetId").GetGuid();
        var line = (await alice.Http.GetStringAsync($"/v1/datasets/{datasetId}/examples")).Split('\n')[0];
        var messages = System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("what is a tide?", messages[1].GetProperty("content").GetString());
        var tokens = (await alice.GetAsync($"/v1/datasets/{datasetId}")).GetProperty("tokens");
        Assert.True(tokens.GetProperty("total").GetInt64() >= tokens.GetProperty("max").GetInt32());
        Assert.True(tokens.GetProperty("min").GetInt32() > 0);
    }

    [Theory]
    [InlineData("notes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "unsupported-content-type")]
    [InlineData("broken.pdf", "application/pdf", "corrupt-document")]
    public async Task Unsupported_or_corrupt_files_fail_their_job_at_once_with_a_clear_code(string fileName, string type, string code)
    {
        var alice = As("alice");
        using var upload = await UploadAsync(alice, "%PDF-1.7 this is not really a pdf"u8.ToArray(), fileName, type);
        var documentId = (await ApiClient.ExpectAsync(upload, HttpStatusCode.Created)).GetProperty("documentId").GetGuid();

        var job = await alice.WaitForJobAsync(await alice.SubmitJobAsync("process-document", new { documentId }));

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal(code, job.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_multipart_upload_without_a_file_is_400()
    {
        var alice = As("alice");
        using var form = new MultipartFormDataContent { { new StringContent("x"), "name" } };
        using var response = await alice.Http.PostAsync("/v1/documents", form);
        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
    }

    private static async Task<HttpResponseMessage> UploadAsync(ApiClient client, byte[] content, string fileName, string type, string? key = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/documents") { Content = form };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.Http.SendAsync(request);
    }

    private static byte[] TwoPagePdf()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var first = builder.AddPage(PageSize.A4);
        first.AddText("Overview", 18, new PdfPoint(50, 780), font);
        first.AddText("The first page talks about harbours and their ships.", 11, new PdfPoint(50, 740), font);
        first.AddText("Ships come and go with the tides every day.", 11, new PdfPoint(50, 726), font);
        first.AddText("Harbour masters keep a log of every ship.", 11, new PdfPoint(50, 712), font);
        var second = builder.AddPage(PageSize.A4);
        second.AddText("The second page talks about lighthouses.", 11, new PdfPoint(50, 780), font);
        return builder.Build();
    }
}
