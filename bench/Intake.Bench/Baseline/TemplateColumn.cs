namespace Intake.Bench.Baseline;

/// <summary>
/// One column of a row the app wrote: its SQL literal (quote_nullable) and, for timestamps, the
/// offset from the row's created_at in microseconds.
/// </summary>
public sealed record TemplateColumn(string Name, string DataType, bool IsIdentity, string Literal, long? MicrosAfterCreated)
{
    public bool IsNull => Literal == "NULL";
}
