namespace Intake.Chaos.Stack;

/// <summary>A process's log file, appended to across restarts; remembers where the current run of the process began.</summary>
public sealed class ProcessLog(string path)
{
    private long _offset;

    public string Path => path;

    /// <summary>Writes a separator line for a new start of the process and remembers where its output begins.</summary>
    public void MarkStart(string name)
    {
        File.AppendAllText(path, $"==== chaos: starting {name} at {DateTimeOffset.UtcNow:O}{Environment.NewLine}");
        Interlocked.Exchange(ref _offset, new FileInfo(path).Length);
    }

    /// <summary>What the process wrote since its latest start.</summary>
    public string SinceStart()
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            file.Seek(Math.Min(Interlocked.Read(ref _offset), file.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(file);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
