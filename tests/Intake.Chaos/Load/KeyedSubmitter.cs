using Intake.Chaos.Http;

namespace Intake.Chaos.Load;

/// <summary>
/// Sends one request under one key several times, some copies at once, each retried like a real
/// client until its answer is definitive, and judges the answers: all the same resource, at most
/// one of them fresh (the rest replays).
/// </summary>
public sealed class KeyedSubmitter(ChaosHttp http, Ledger ledger)
{
    public async Task<Guid?> SubmitAsync(KeyedRequest request, int concurrent, int later, Random random, CancellationToken cancellationToken)
    {
        var answers = (await Task.WhenAll(Enumerable.Range(0, concurrent).Select(_ => SendAsync(request, cancellationToken)))).ToList();
        for (var i = 0; i < later; i++)
        {
            await Task.Delay(random.Next(20, 400), cancellationToken);
            answers.Add(await SendAsync(request, cancellationToken));
        }

        return Judge(request, answers);
    }

    private Task<HttpAnswer> SendAsync(KeyedRequest request, CancellationToken cancellationToken) =>
        http.SendUntilDefinitiveAsync(HttpMethod.Post, request.Path, request.User, request.Key, request.Body, request.Category, cancellationToken);

    private Guid? Judge(KeyedRequest request, List<HttpAnswer> answers)
    {
        var ids = new HashSet<Guid>();
        var fresh = 0;
        foreach (var answer in answers)
        {
            if (!answer.IsDefinitive)
            {
                ledger.Violation("no-definitive-answer", $"{request.Describe()}: still {answer.Describe()} at the deadline");
                ledger.Unanswered[(request.User.Id, request.Key)] = true;
                continue;
            }

            if (answer.Status != request.ExpectedStatus || !Guid.TryParse(answer.Property(request.IdProperty), out var id))
            {
                ledger.Violation("unexpected-answer", $"{request.Describe()}: {answer.Describe()}");
                continue;
            }

            ids.Add(id);
            if (answer.Replayed)
            {
                ledger.Tally.Add("replays");
            }
            else
            {
                fresh++;
            }
        }

        if (fresh > 1)
        {
            ledger.Violation("key-committed-twice", $"{request.Describe()}: {fresh} fresh (non-replayed) answers");
        }

        if (ids.Count > 1)
        {
            ledger.Violation("key-answers-disagree", $"{request.Describe()}: {string.Join(", ", ids)}");
        }

        return ids.Count == 1 ? ids.Single() : null;
    }
}
