namespace Intake.Api.Idempotency;

public sealed class IdempotencyOptions
{
    /// <summary>When true, submissions without a key are refused (400).</summary>
    public bool RequireKey { get; set; }

    /// <summary>How long a key is remembered; afterwards it may be used again.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Per resource type ("process-document", "document", …) overrides of <see cref="Ttl"/>.</summary>
    public Dictionary<string, TimeSpan> TtlByType { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a request waits for an in-flight request with the same key before answering 409.</summary>
    public TimeSpan InFlightWait { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan TtlFor(string resourceType) =>
        TtlByType.TryGetValue(resourceType, out var ttl) ? ttl : Ttl;
}
