using Intake.Chaos.Stack;

namespace Intake.Chaos.Cli;

/// <summary>One chaos run: the load, the faults and their pace, and the stack they run against.</summary>
public sealed record ChaosOptions
{
    public required string Profile { get; init; }

    /// <summary>Logical submissions: each uploads a document and submits its processing job under a key.</summary>
    public required int Jobs { get; init; }

    /// <summary>Logical submissions started per second.</summary>
    public required double Rate { get; init; }

    public int MaxInFlight { get; init; } = 200;

    public int Users { get; init; } = 4;

    public int Seed { get; init; } = 20261128;

    public double KeylessFraction { get; init; } = 0.05;

    public double ReuseFraction { get; init; } = 0.04;

    /// <summary>Submissions whose document then goes on to a dataset (and some of those to training).</summary>
    public double PipelineFraction { get; init; } = 0.06;

    public double TrainingFraction { get; init; } = 0.5;

    public int DocumentWorkers { get; init; } = 2;

    /// <summary>Worker processes that consume both datasets and training.</summary>
    public int MixedWorkers { get; init; } = 2;

    public required TimeSpan KillEvery { get; init; }

    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    public required TimeSpan RabbitOutage { get; init; }

    /// <summary>Spacing of repeated faults; a run shorter than the spacing has one of each.</summary>
    public required TimeSpan RabbitEvery { get; init; }

    public required TimeSpan PgEvery { get; init; }

    public required TimeSpan ApiCrashEvery { get; init; }

    public required TimeSpan DrainTimeout { get; init; }

    /// <summary>How long a client keeps retrying one request before it gives up (a violation).</summary>
    public TimeSpan AnswerDeadline { get; init; } = TimeSpan.FromMinutes(10);

    public required TimeSpan ProgressEvery { get; init; }

    public required StackSettings Stack { get; init; }

    public string? SummaryFile { get; init; }

    public TimeSpan LoadDuration => TimeSpan.FromSeconds(Jobs / Rate);
}
