using Intake.Chaos.Http;

namespace Intake.Chaos.Load;

/// <summary>A POST under an Idempotency-Key and what a successful answer looks like.</summary>
public sealed record KeyedRequest(ChaosUser User, string Path, string Key, byte[] Body, int ExpectedStatus, string IdProperty, string Category)
{
    public string Describe() => $"POST {Path} user {User.Id} key {Key}";
}
