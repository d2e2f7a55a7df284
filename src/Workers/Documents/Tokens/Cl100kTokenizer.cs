using Microsoft.ML.Tokenizers;

namespace Intake.Workers.Documents.Tokens;

/// <summary>
/// The process-wide cl100k_base tokenizer (GPT-4, GPT-3.5, text-embedding-3). Its vocabulary comes
/// from the Microsoft.ML.Tokenizers.Data.Cl100kBase package, so creating it never touches the
/// network; it takes a few hundred milliseconds, hence one lazily created, shared instance. Encoding
/// is thread-safe (the tokenizer's internal cache is synchronised).
/// </summary>
public static class Cl100kTokenizer
{
    public const string EncodingName = "cl100k_base";

    private static readonly Lazy<Tokenizer> Shared = new(
        () => TiktokenTokenizer.CreateForEncoding(EncodingName),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static Tokenizer Instance => Shared.Value;

    public static int CountTokens(string text) => Instance.CountTokens(text);
}
