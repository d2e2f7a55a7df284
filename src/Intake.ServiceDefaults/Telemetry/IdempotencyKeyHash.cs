using System.Security.Cryptography;
using System.Text;

namespace Intake.ServiceDefaults.Telemetry;

/// <summary>
/// What logs and traces carry instead of an idempotency key: a key may hold whatever a client put
/// in it, so it is never written out. The hash covers the user too, because keys are scoped per
/// user: alice's "k1" and bob's "k1" are different keys and must not look alike.
/// </summary>
public static class IdempotencyKeyHash
{
    /// <summary>16 hex characters (64 bits of SHA-256 over user and key): plenty to tell keys apart in logs.</summary>
    public static string Compute(string userId, string key)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(key);

        // Keys never contain a newline, so everything after the last one is the key: ("a\nb", "c") and
        // ("a", "b\nc") cannot collide.
        var input = Encoding.UTF8.GetBytes($"{userId}\n{key}");
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, digest);
        return Convert.ToHexStringLower(digest[..8]);
    }
}
