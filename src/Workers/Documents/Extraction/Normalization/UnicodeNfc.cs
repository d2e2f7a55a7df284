using System.Text;

namespace Intake.Workers.Documents.Extraction.Normalization;

/// <summary>
/// NFC through the platform's ICU (the build does not use invariant globalization, which would
/// turn string.Normalize into a no-op). Lone surrogates, which extracted text can contain and
/// which ICU rejects, become U+FFFD first.
/// </summary>
internal static class UnicodeNfc
{
    public static string Normalize(string text)
    {
        var wellFormed = ReplaceLoneSurrogates(text);
        return wellFormed.IsNormalized(NormalizationForm.FormC) ? wellFormed : wellFormed.Normalize(NormalizationForm.FormC);
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (paired)
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                builder ??= new StringBuilder(text.Length).Append(text, 0, i);
                builder.Append('\uFFFD');
                continue;
            }

            builder?.Append(c);
        }

        return builder?.ToString() ?? text;
    }
}
