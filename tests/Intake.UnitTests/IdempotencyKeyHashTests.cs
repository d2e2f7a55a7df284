using Intake.ServiceDefaults.Telemetry;

namespace Intake.UnitTests;

public sealed class IdempotencyKeyHashTests
{
    [Fact]
    public void Is_16_lowercase_hex_characters_and_stable()
    {
        var hash = IdempotencyKeyHash.Compute("alice", "order-42");

        Assert.Matches("^[0-9a-f]{16}$", hash);
        Assert.Equal(hash, IdempotencyKeyHash.Compute("alice", "order-42"));
    }

    [Fact]
    public void Is_the_first_64_bits_of_sha256_over_user_newline_key()
    {
        // sha256("alice\norder-42"), computed independently of the implementation.
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("alice\norder-42"u8))[..16];

        Assert.Equal(expected, IdempotencyKeyHash.Compute("alice", "order-42"));
    }

    [Fact]
    public void Never_contains_the_key()
    {
        const string key = "abcdef0123456789abcdef";

        Assert.DoesNotContain("abcdef", IdempotencyKeyHash.Compute("alice", key));
    }

    [Theory]
    [InlineData("alice", "k-1", "alice", "k-2")]
    [InlineData("alice", "k-1", "bob", "k-1")]
    [InlineData("ab", "c-key", "a", "bc-key")]
    public void Differs_for_another_key_or_another_user(string user1, string key1, string user2, string key2) =>
        Assert.NotEqual(IdempotencyKeyHash.Compute(user1, key1), IdempotencyKeyHash.Compute(user2, key2));

    [Fact]
    public void Refuses_null() =>
        Assert.Throws<ArgumentNullException>(() => IdempotencyKeyHash.Compute("alice", null!));
}
