using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Intake.Bench.Profile;

/// <summary>
/// Counts the API's round trips to PostgreSQL: strace records every write on the process's sockets
/// whose peer is the PostgreSQL port. The relay's writes are recognised by its claim (FOR UPDATE
/// SKIP LOCKED) and by the socket it holds until that transaction's COMMIT or ROLLBACK.
/// </summary>
public sealed partial class RoundTripTracer(int pid, int postgresPort, string workDirectory)
{
    private Process? _strace;
    private string _output = string.Empty;
    private HashSet<int> _fds = [];

    public static bool Available => File.Exists("/usr/bin/strace") && OperatingSystem.IsLinux();

    public async Task StartAsync(string name)
    {
        Directory.CreateDirectory(workDirectory);
        _output = Path.Combine(workDirectory, $"strace-{name}.txt");
        _fds = PostgresSocketFds();
        var start = new ProcessStartInfo("/usr/bin/strace") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-f", "-qq", "-e", "trace=sendto,sendmsg,write,writev", "-e", "signal=none", "-s", "4096", "-o", _output, "-p", pid.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        _strace = Process.Start(start) ?? throw new InvalidOperationException("strace did not start");
        await Task.Delay(1000);
        if (_strace.HasExited)
        {
            throw new InvalidOperationException($"strace exited: {await _strace.StandardError.ReadToEndAsync()}");
        }
    }

    public async Task<RoundTripCount> StopAsync(int requests)
    {
        var strace = _strace ?? throw new InvalidOperationException("not started");
        _fds.UnionWith(PostgresSocketFds());
        using (var interrupt = Process.Start("kill", ["-INT", strace.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await strace.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        strace.Dispose();
        var writes = File.ReadLines(_output)
            .Select(line => Write().Match(line))
            .Where(m => m.Success && _fds.Contains(int.Parse(m.Groups["fd"].Value, CultureInfo.InvariantCulture)))
            .Select(m => new PgWrite(int.Parse(m.Groups["fd"].Value, CultureInfo.InvariantCulture), m.Groups["rest"].Value))
            .ToList();
        File.Delete(_output);

        // A relay transaction holds its connection from the claim to its COMMIT or ROLLBACK:
        // every write on that socket in between is the relay's.
        var inRelay = new HashSet<int>();
        var requestWrites = new List<PgWrite>();
        var relay = 0;
        foreach (var write in writes)
        {
            if (write.IsRelayClaim || inRelay.Contains(write.Fd))
            {
                relay++;
                if (write.EndsTransaction && !write.IsRelayClaim)
                {
                    inRelay.Remove(write.Fd);
                }
                else
                {
                    inRelay.Add(write.Fd);
                }

                continue;
            }

            requestWrites.Add(write);
        }

        var perRequest = requests > 0 ? (int)Math.Round(requestWrites.Count / (double)requests) : 0;
        var sequence = requestWrites.Take(perRequest).Select(w => Label(w.Text)).ToList();
        return new RoundTripCount(writes.Count, requestWrites.Count, relay, sequence);
    }

    /// <summary>The SQL keywords a write carries, in order: e.g. "BEGIN · SELECT set_config".</summary>
    private static string Label(string text)
    {
        var words = Keyword().Matches(text).Select(m => m.Value).ToList();
        return words.Count == 0 ? "(no SQL text)" : string.Join(" · ", words);
    }

    private HashSet<int> PostgresSocketFds()
    {
        var inodes = new HashSet<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var remote = fields[2];
                var port = int.Parse(remote[(remote.IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (port == postgresPort)
                {
                    inodes.Add(fields[9]);
                }
            }
        }

        var fds = new HashSet<int>();
        foreach (var link in Directory.EnumerateFiles($"/proc/{pid}/fd"))
        {
            try
            {
                var target = new FileInfo(link).LinkTarget ?? string.Empty;
                if (target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                {
                    fds.Add(int.Parse(Path.GetFileName(link), CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // Closed while we looked.
            }
        }

        return fds;
    }

    [GeneratedRegex(@"^(?:\d+\s+)?(?:sendto|sendmsg|write|writev)\((?<fd>\d+),(?<rest>.*)$")]
    private static partial Regex Write();

    // No \b: strace prints the protocol's binary bytes as escapes ("\0005BEGIN", "\vCOMMIT"), so a keyword may follow a digit or a lower-case letter.
    [GeneratedRegex(@"(?<![A-Z_])(RELEASE SAVEPOINT|SAVEPOINT|BEGIN|COMMIT|ROLLBACK|DISCARD ALL|SELECT set_config|SELECT EXISTS|INSERT INTO \w+|ON CONFLICT|FOR UPDATE SKIP LOCKED|UPDATE \w+|DELETE FROM \w+|FROM \w+)(?![A-Za-z_])")]
    private static partial Regex Keyword();
}
