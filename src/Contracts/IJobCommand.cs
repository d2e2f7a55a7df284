namespace Intake.Contracts;

/// <summary>
/// Every job command names the job it executes and the user who owns it. Workers use both as
/// the inbox key, so a redelivered or duplicated command is recognised whatever its message id.
/// </summary>
public interface IJobCommand
{
    Guid JobId { get; }

    string UserId { get; }
}
