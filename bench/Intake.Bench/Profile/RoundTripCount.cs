namespace Intake.Bench.Profile;

/// <summary>Round trips of the requests and of the relay, split from the writes of a traced segment.</summary>
public sealed record RoundTripCount(int Total, int Request, int Relay, IReadOnlyList<string> FirstRequestSequence);
