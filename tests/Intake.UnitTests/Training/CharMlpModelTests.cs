using System.Buffers.Binary;
using Intake.Training;

namespace Intake.UnitTests.Training;

[Collection(TrainingCollection.Name)]
public sealed class CharMlpModelTests(TrainedModelFixture fixture)
{
    private CharMlpModel Model => fixture.Run.Model;

    [Fact]
    public void ARoundTrip_KeepsTheBytesThePerplexityAndTheSamples()
    {
        var copy = CharMlpModel.Deserialize(Model.Serialize());

        Assert.Equal(fixture.Run.Outcome.Model, copy.Serialize());
        Assert.Equal(Model.Perplexity(fixture.Corpus.Validation), copy.Perplexity(fixture.Corpus.Validation));
        foreach (var seed in Enumerable.Range(0, 5))
        {
            Assert.Equal(Model.Sample("A", 80, 1.0, seed), copy.Sample("A", 80, 1.0, seed));
        }
    }

    [Fact]
    public void Perplexity_OnTheValidationTexts_IsWhatTrainingReported()
    {
        Assert.Equal(fixture.Run.Outcome.FinalValidationPerplexity, Model.Perplexity(fixture.Corpus.Validation));
    }

    [Fact]
    public void Perplexity_IsLowerOnTheCorpusStyleThanOnUnrelatedText()
    {
        var unrelated = Model.Perplexity(["Zyx qvw pkj, 42 & 17! Jmmf rrt ooo?"]);

        Assert.True(Model.Perplexity(fixture.Corpus.Validation) * 3 < unrelated);
        Assert.Throws<ArgumentException>(() => Model.Perplexity([]));
    }

    [Fact]
    public void Sample_ContinuesThePrompt_AsTheCorpusDoes()
    {
        Assert.StartsWith("fox jumps over the lazy dog.", Model.Sample("The quick brown ", 60, 0, seed: 1));
        Assert.StartsWith("azy dog.", Model.Sample("jumps over the l", 60, 0, seed: 1));
        Assert.NotEqual(Model.Sample("The quick brown ", 30, 0, 1), Model.Sample("The old horse ", 30, 0, 1));
    }

    [Fact]
    public void Sample_NeverExceedsMaxTokens_AndStopsAtTheEndOfAText()
    {
        foreach (var maxTokens in (int[])[0, 1, 7, 40])
        {
            foreach (var seed in Enumerable.Range(0, 10))
            {
                var sample = Model.Sample("The ", maxTokens, 1.5, seed);
                Assert.True(sample.EnumerateRunes().Count() <= maxTokens, $"{sample.Length} > {maxTokens}: {sample}");
            }
        }

        // Texts in the corpus are a few hundred characters long, so a sample ends well before 5000.
        Assert.All(Enumerable.Range(0, 5), seed => Assert.InRange(Model.Sample("", 5000, 1.0, seed).Length, 1, 4999));
    }

    [Fact]
    public void Sample_IsReproducibleForASeed_AndUsesOnlyCharactersOfTheCorpus()
    {
        var alphabet = fixture.Corpus.Train.SelectMany(text => text).ToHashSet();
        var samples = Enumerable.Range(0, 8).Select(seed => Model.Sample("A ", 120, 1.0, seed)).ToArray();

        Assert.Equal(samples, Enumerable.Range(0, 8).Select(seed => Model.Sample("A ", 120, 1.0, seed)));
        Assert.True(samples.Distinct().Count() > 1);
        Assert.All(samples, sample => Assert.All(sample, c => Assert.Contains(c, alphabet)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.Sample("", -1, 1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.Sample("", 5, -0.5, 0));
    }

    [Fact]
    public void Deserialize_RejectsBytesThatAreNotAnIntactModel()
    {
        var bytes = Model.Serialize();
        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x01;
        var nextVersion = (byte[])bytes.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(nextVersion.AsSpan(4), 2);
        var noise = new byte[2000];
        new Random(5).NextBytes(noise);

        Assert.Contains("shorter", Rejected([]).Message);
        Assert.Contains("signature", Rejected(noise).Message);
        Assert.Contains("signature", Rejected(fixture.Run.Epochs[0].Checkpoint.State).Message);
        Assert.Contains("version 2", Rejected(nextVersion).Message);
        Assert.Contains("checksum", Rejected(flipped).Message);
        Assert.Contains("checksum", Rejected(bytes[..^1]).Message);
        Assert.Contains("checksum", Rejected([.. bytes, 0]).Message);
        Assert.Throws<ArgumentNullException>(() => CharMlpModel.Deserialize(null!));
    }

    [Fact]
    public void Deserialize_RejectsAnIntactEnvelopeWithImpossibleContents()
    {
        var magic = SealedBinary.Magic("ICML");
        var hugeShape = SealedBinary.Write(magic, 1, writer =>
        {
            foreach (var dimension in (int[])[8, 24, 1_000_000, 40])
            {
                writer.Write(dimension);
            }
        });
        var missingParameters = SealedBinary.Write(magic, 1, writer =>
        {
            foreach (var dimension in (int[])[2, 2, 2, 3])
            {
                writer.Write(dimension);
            }

            writer.Write((int)'a');
        });

        Assert.Contains("out of range", Rejected(hugeShape).Message);
        Assert.Contains("end early", Rejected(missingParameters).Message);
    }

    private static InvalidDataException Rejected(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => CharMlpModel.Deserialize(bytes));
}
