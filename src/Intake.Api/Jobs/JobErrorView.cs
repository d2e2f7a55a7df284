namespace Intake.Api.Jobs;

public sealed record JobErrorView(string Code, string Message);
