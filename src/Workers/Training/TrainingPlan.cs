using Intake.Training;

namespace Intake.Workers.Training;

/// <summary>How a run was trained: its data, the trainer's settings, and the epoch it resumed from after a crash (0: none).</summary>
public sealed record TrainingPlan(int TrainExamples, int ValidationExamples, int ResumedFromEpoch, TrainerOptions Trainer);
