using System.Text;

namespace Intake.Workers.Documents.Extraction;

/// <summary>
/// Strict decoding for the text formats: UTF-8, or UTF-16 when the bytes start with its byte-order
/// mark. Invalid bytes are a corrupt document rather than silently replaced characters.
/// </summary>
internal static class TextDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16LittleEndian = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlyMemory<byte> content)
    {
        var bytes = content.Span;
        var (encoding, preambleLength) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (StrictUtf8, 3),
            [0xFF, 0xFE, ..] => (StrictUtf16LittleEndian, 2),
            [0xFE, 0xFF, ..] => (StrictUtf16BigEndian, 2),
            _ => (StrictUtf8, 0),
        };

        try
        {
            return encoding.GetString(bytes[preambleLength..]);
        }
        catch (DecoderFallbackException exception)
        {
            throw new DocumentExtractionException(
                DocumentExtractionErrorCodes.CorruptDocument,
                $"The document is not valid {encoding.WebName} text.",
                exception);
        }
    }
}
