namespace Intake.Training;

/// <summary>
/// Independent seeds from one user seed: one for the initial weights and one per epoch. Per-epoch
/// generators mean a checkpoint needs no generator state; epoch k draws the same batches whether or not
/// the run was resumed before it.
/// </summary>
internal static class SeedSequence
{
    public const int Initialisation = 0;

    /// <param name="stream"><see cref="Initialisation"/>, or the 1-based epoch number.</param>
    public static int Derive(int seed, int stream)
    {
        // The SplitMix64 finaliser, so that neighbouring (seed, stream) pairs give unrelated generators.
        var z = ((ulong)(uint)seed << 32 | (uint)stream) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
