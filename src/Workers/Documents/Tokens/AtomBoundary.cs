namespace Intake.Workers.Documents.Tokens;

/// <summary>What ends after an atom, weakest first: the chunker prefers to end chunks at stronger boundaries.</summary>
internal enum AtomBoundary
{
    Word,
    Sentence,
    Paragraph,
}
