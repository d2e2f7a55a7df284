namespace Intake.Bench.Results;

public sealed record ProfileResult(
    IReadOnlyList<ProfileSegment> Segments,
    IReadOnlyList<StatementStat> Background,
    IReadOnlyList<ExplainResult> Explains,
    IReadOnlyList<string> Notes);
