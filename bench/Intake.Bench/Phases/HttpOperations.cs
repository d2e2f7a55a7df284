using Intake.Bench.Api;
using Intake.Bench.Load;

namespace Intake.Bench.Phases;

/// <summary>The request each closed-loop client sends in scenarios 1, 2, 3 and 5 (and 1 and 2 interleaved), and what counts as success.</summary>
public sealed class HttpOperations(IntakeClient api, IReadOnlyList<BenchUser> users, IReadOnlyList<string> replayKeys, IReadOnlyList<byte[]> replayBodies)
{
    public ClosedLoop.Operation SubmitNew(string keyPrefix) => async (client, sequence, cancellationToken) =>
    {
        var response = await api.SubmitAsync(users[client], $"{keyPrefix}-{client}-{sequence}", cancellationToken);
        return response is { Status: 202, Replayed: false } ? Outcome.Ok : Outcome.Fail($"submit-new: {response.Describe()}");
    };

    public ClosedLoop.Operation SubmitNoKey() => async (client, _, cancellationToken) =>
    {
        var response = await api.SubmitAsync(users[client], null, cancellationToken);
        return response.Status == 202 ? Outcome.Ok : Outcome.Fail($"submit-nokey: {response.Describe()}");
    };

    /// <summary>Request kinds of <see cref="SubmitInterleaved"/>: 0 with a new key, 1 without.</summary>
    public const int InterleavedKinds = 2;

    /// <summary>Even requests of each client with a new key, odd ones without.</summary>
    public ClosedLoop.Operation SubmitInterleaved(string keyPrefix)
    {
        var keyed = SubmitNew(keyPrefix);
        var keyless = SubmitNoKey();
        return (client, sequence, cancellationToken) => sequence % InterleavedKinds == 0
            ? keyed(client, sequence, cancellationToken)
            : keyless(client, sequence, cancellationToken);
    }

    public ClosedLoop.Operation Replay() => async (client, _, cancellationToken) =>
    {
        var response = await api.SubmitAsync(users[client], replayKeys[client], cancellationToken);
        if (response is not { Status: 202, Replayed: true })
        {
            return Outcome.Fail($"replay: expected a replayed 202, got {response.Describe()}");
        }

        return response.Body.AsSpan().SequenceEqual(replayBodies[client])
            ? Outcome.Ok
            : Outcome.Fail("replay: body differs from the first response");
    };

    public ClosedLoop.Operation Status() => async (client, _, cancellationToken) =>
    {
        var response = await api.GetByKeyAsync(users[client], replayKeys[client], cancellationToken);
        return response.Status == 200 ? Outcome.Ok : Outcome.Fail($"status: {response.Describe()}");
    };
}
