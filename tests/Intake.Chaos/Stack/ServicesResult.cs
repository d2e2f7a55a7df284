namespace Intake.Chaos.Stack;

public sealed record ServicesResult(int ExitCode, string Output, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;
}
