using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Intake.Training;

/// <summary>
/// The binary envelope of models and checkpoints: a 4-byte magic, a format version, the payload
/// (little-endian), and a SHA-256 of everything before it. A truncated or bit-flipped blob is rejected
/// with <see cref="InvalidDataException"/> before anything is parsed, rather than loading as a subtly
/// wrong model.
/// </summary>
internal static class SealedBinary
{
    private const int HeaderLength = 8;
    private const int ChecksumLength = SHA256.HashSizeInBytes;

    public static byte[] Write(uint magic, int version, Action<BinaryWriter> writePayload)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(magic);
            writer.Write(version);
            writePayload(writer);
        }

        stream.Write(SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        return stream.ToArray();
    }

    /// <param name="what">What the blob should be, for error messages ("model", "checkpoint").</param>
    public static T Read<T>(byte[] data, uint magic, int version, string what, Func<BinaryReader, T> readPayload)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length < HeaderLength + ChecksumLength)
        {
            throw new InvalidDataException($"Not a {what}: {data.Length} bytes is shorter than the smallest valid {what}.");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(data) != magic)
        {
            throw new InvalidDataException($"Not a {what}: it does not start with the {what} format's signature.");
        }

        var foundVersion = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(4));
        if (foundVersion != version)
        {
            throw new InvalidDataException($"Unsupported {what} format version {foundVersion}; this build reads version {version}.");
        }

        var payloadEnd = data.Length - ChecksumLength;
        if (!SHA256.HashData(data.AsSpan(0, payloadEnd)).AsSpan().SequenceEqual(data.AsSpan(payloadEnd)))
        {
            throw new InvalidDataException($"The {what} is corrupt: its checksum does not match its contents.");
        }

        using var reader = new BinaryReader(new MemoryStream(data, HeaderLength, payloadEnd - HeaderLength, writable: false));
        T result;
        try
        {
            result = readPayload(reader);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"The {what} is corrupt: its contents end early.");
        }

        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new InvalidDataException($"The {what} is corrupt: unexpected bytes after its contents.");
        }

        return result;
    }

    public static uint Magic(string fourAscii) => BinaryPrimitives.ReadUInt32LittleEndian(Encoding.ASCII.GetBytes(fourAscii));

    public static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public static float[] ReadFloats(BinaryReader reader, int count)
    {
        // Check before allocating, so a bad count cannot ask for gigabytes.
        if (count < 0 || reader.BaseStream.Length - reader.BaseStream.Position < (long)count * sizeof(float))
        {
            throw new EndOfStreamException();
        }

        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }

    public static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public static byte[] ReadBytes(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0 || reader.BaseStream.Length - reader.BaseStream.Position < length)
        {
            throw new EndOfStreamException();
        }

        return reader.ReadBytes(length);
    }
}
