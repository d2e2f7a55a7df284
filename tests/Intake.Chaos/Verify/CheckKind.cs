namespace Intake.Chaos.Verify;

public enum CheckKind
{
    /// <summary>Something exists more than once (a job, a document, a chunk set, a dataset, a run, an inbox row).</summary>
    Duplicate,

    /// <summary>Something accepted is missing or did not succeed.</summary>
    Lost,

    /// <summary>Something never finished (a job not terminal, an outbox row not sent).</summary>
    Stuck,

    /// <summary>A wrong answer or an inconsistency between the API and the database.</summary>
    Other,
}
