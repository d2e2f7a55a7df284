using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Intake.Chaos.Http;

/// <summary>
/// The clients' HTTP: one request as it goes over the wire, and the loop a client with an
/// Idempotency-Key runs over a flaky network (the same request, same key, with backoff, until the
/// answer is definitive or the deadline passes).
/// </summary>
public sealed class ChaosHttp(Uri apiAddress, Tally tally, TimeSpan answerDeadline) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 256,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    {
        BaseAddress = apiAddress,
        Timeout = TimeSpan.FromSeconds(20),
    };

    public async Task<HttpAnswer> SendOnceAsync(
        HttpMethod method, string path, ChaosUser user, string? key, byte[]? body, string category, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = user.Authorization;
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }

        tally.Add("http.requests");
        tally.Add($"requests.{category}");
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                tally.Add("http.5xx");
            }
            else if (status == 409)
            {
                tally.Add("http.409");
            }

            return new HttpAnswer(status, response.Headers.Contains("Idempotency-Replayed"), text, null);
        }
        catch (HttpRequestException exception)
        {
            tally.Add("http.connection-errors");
            return new HttpAnswer(0, false, string.Empty, exception.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tally.Add("http.timeouts");
            return new HttpAnswer(0, false, string.Empty, "timeout");
        }
    }

    /// <summary>Sends the same request (same key) until the answer is definitive; the last answer if the deadline passed.</summary>
    public async Task<HttpAnswer> SendUntilDefinitiveAsync(
        HttpMethod method, string path, ChaosUser user, string? key, byte[]? body, string category, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            var answer = await SendOnceAsync(method, path, user, key, body, category, cancellationToken);
            if (answer.IsDefinitive || watch.Elapsed > answerDeadline)
            {
                return answer;
            }

            tally.Add("http.retries");
            await Task.Delay(Backoff.Delay(attempt), cancellationToken);
        }
    }

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    public void Dispose() => _http.Dispose();
}
