using System.Net.Http.Headers;

namespace Intake.Chaos.Http;

public sealed record ChaosUser(string Id, AuthenticationHeaderValue Authorization);
