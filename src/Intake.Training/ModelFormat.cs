namespace Intake.Training;

/// <summary>
/// <see cref="CharMlpModel"/> on the wire, inside a <see cref="SealedBinary"/> envelope:
/// context length, embedding size, hidden size, vocabulary size (int32 each), the vocabulary's code
/// points (ids 2…V−1), then every parameter as float32 in <see cref="MlpShape"/>'s layout.
/// </summary>
internal static class ModelFormat
{
    private const int Version = 1;
    private static readonly uint Magic = SealedBinary.Magic("ICML");

    public static byte[] Write(CharVocabulary vocabulary, MlpShape shape, float[] parameters) =>
        SealedBinary.Write(Magic, Version, writer =>
        {
            writer.Write(shape.ContextLength);
            writer.Write(shape.EmbeddingSize);
            writer.Write(shape.HiddenSize);
            writer.Write(shape.VocabularySize);
            vocabulary.Write(writer);
            SealedBinary.WriteFloats(writer, parameters);
        });

    public static CharMlpModel Read(byte[] data) =>
        SealedBinary.Read(data, Magic, Version, "model", reader =>
        {
            var shape = new MlpShape(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            if (!shape.IsWithinLimits)
            {
                throw new InvalidDataException($"The model's dimensions are out of range: {shape}.");
            }

            var vocabulary = CharVocabulary.Read(reader, shape.VocabularySize);
            var parameters = SealedBinary.ReadFloats(reader, shape.ParameterCount);
            return new CharMlpModel(vocabulary, shape, parameters);
        });
}
