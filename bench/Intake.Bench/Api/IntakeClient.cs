using System.Net.Http.Headers;

namespace Intake.Bench.Api;

/// <summary>A plain HTTP client of the Intake API, shared by all simulated clients (one connection each).</summary>
public sealed class IntakeClient : IDisposable
{
    public const string ProcessDocumentPath = "/v1/jobs/process-document";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;

    public IntakeClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(15),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<ApiResponse> PostJsonAsync(string path, BenchUser user, string? idempotencyKey, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Authorization = user.Authorization;
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await SendAsync(request, cancellationToken);
    }

    public async Task<ApiResponse> PostJsonAsync(string path, AuthenticationHeaderValue authorization, string? idempotencyKey, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Authorization = authorization;
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await SendAsync(request, cancellationToken);
    }

    public async Task<ApiResponse> GetAsync(string path, BenchUser user, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = user.Authorization;
        return await SendAsync(request, cancellationToken);
    }

    public Task<ApiResponse> SubmitAsync(BenchUser user, string? key, CancellationToken cancellationToken) =>
        PostJsonAsync(ProcessDocumentPath, user, key, user.ProcessDocumentBody, cancellationToken);

    public Task<ApiResponse> GetByKeyAsync(BenchUser user, string key, CancellationToken cancellationToken) =>
        GetAsync($"/v1/jobs/by-key/{key}", user, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<ApiResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new ApiResponse((int)response.StatusCode, response.Headers.Contains("Idempotency-Replayed"), bytes);
    }
}
