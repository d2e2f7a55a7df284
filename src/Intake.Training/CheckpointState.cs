namespace Intake.Training;

/// <summary>
/// What <see cref="TrainingCheckpoint.State"/> holds, inside a <see cref="SealedBinary"/> envelope. There is
/// no random-generator state: every epoch draws from its own seed (see <see cref="SeedSequence"/>).
/// </summary>
internal sealed record CheckpointState(
    byte[] OptionsFingerprint,
    byte[] CorpusFingerprint,
    int CompletedEpochs,
    long OptimizerStep,
    IReadOnlyList<EpochMetrics> Metrics,
    byte[] Model,
    float[] FirstMoment,
    float[] SecondMoment)
{
    private const int Version = 1;
    private static readonly uint Magic = SealedBinary.Magic("ICMC");

    public byte[] Serialize() => SealedBinary.Write(Magic, Version, writer =>
    {
        SealedBinary.WriteBytes(writer, OptionsFingerprint);
        SealedBinary.WriteBytes(writer, CorpusFingerprint);
        writer.Write(CompletedEpochs);
        writer.Write(OptimizerStep);
        writer.Write(Metrics.Count);
        foreach (var metrics in Metrics)
        {
            writer.Write(metrics.Epoch);
            writer.Write(metrics.Steps);
            writer.Write(metrics.TrainLoss);
            writer.Write(metrics.ValidationLoss);
            writer.Write(metrics.ValidationPerplexity);
            writer.Write(metrics.Seconds);
        }

        SealedBinary.WriteBytes(writer, Model);
        writer.Write(FirstMoment.Length);
        SealedBinary.WriteFloats(writer, FirstMoment);
        SealedBinary.WriteFloats(writer, SecondMoment);
    });

    /// <exception cref="InvalidDataException">Not an intact checkpoint of a version this build reads.</exception>
    public static CheckpointState Deserialize(byte[] data) => SealedBinary.Read(data, Magic, Version, "checkpoint", reader =>
    {
        var optionsFingerprint = SealedBinary.ReadBytes(reader);
        var corpusFingerprint = SealedBinary.ReadBytes(reader);
        var completedEpochs = reader.ReadInt32();
        var optimizerStep = reader.ReadInt64();
        var metricsCount = reader.ReadInt32();
        if (metricsCount != completedEpochs || completedEpochs < 0)
        {
            throw new InvalidDataException($"The checkpoint is corrupt: {metricsCount} epoch metrics for {completedEpochs} completed epochs.");
        }

        var metrics = new List<EpochMetrics>(metricsCount);
        for (var i = 0; i < metricsCount; i++)
        {
            metrics.Add(new EpochMetrics(reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(),
                reader.ReadDouble(), reader.ReadDouble()));
        }

        var model = SealedBinary.ReadBytes(reader);
        var momentLength = reader.ReadInt32();
        var firstMoment = SealedBinary.ReadFloats(reader, momentLength);
        var secondMoment = SealedBinary.ReadFloats(reader, momentLength);
        return new CheckpointState(optionsFingerprint, corpusFingerprint, completedEpochs, optimizerStep, metrics, model,
            firstMoment, secondMoment);
    });
}
