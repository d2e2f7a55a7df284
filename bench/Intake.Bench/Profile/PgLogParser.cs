using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Intake.Bench.Profile;

/// <summary>
/// Reads the statements of one database from the part of the server log written during a
/// segment (log_min_duration_statement = 0, log_line_prefix '%m [%p] %q%u@%d ').
/// </summary>
public static partial class PgLogParser
{
    public static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    public static IReadOnlyList<LogStatement> Read(string path, long offset, string database)
    {
        var statements = new List<LogStatement>();
        if (!File.Exists(path))
        {
            return statements;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        (int Pid, string Db, string Message)? entry = null;
        var message = new StringBuilder();
        while (reader.ReadLine() is { } line)
        {
            var header = Header().Match(line);
            if (!header.Success)
            {
                message.Append('\n').Append(line);
                continue;
            }

            Flush(entry, message, database, statements);
            entry = (int.Parse(header.Groups["pid"].Value, CultureInfo.InvariantCulture), header.Groups["db"].Value, string.Empty);
            message.Clear().Append(header.Groups["message"].Value);
        }

        Flush(entry, message, database, statements);
        return statements;
    }

    private static void Flush((int Pid, string Db, string Message)? entry, StringBuilder message, string database, List<LogStatement> statements)
    {
        if (entry is not { } e || e.Db != database)
        {
            return;
        }

        var duration = Duration().Match(message.ToString());
        if (duration.Success)
        {
            statements.Add(new LogStatement(
                e.Pid,
                duration.Groups["step"].Value,
                double.Parse(duration.Groups["ms"].Value, CultureInfo.InvariantCulture),
                duration.Groups["sql"].Value));
        }
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(?<pid>\d+)\] (?:(?<user>[^@\s]*)@(?<db>\S*) )?(?:LOG|DETAIL|STATEMENT|ERROR|WARNING|FATAL|HINT|CONTEXT):\s+(?<message>.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^duration: (?<ms>[\d.]+) ms\s+(?<step>parse|bind|execute|statement)[^:]*: (?<sql>.*)$", RegexOptions.Singleline)]
    private static partial Regex Duration();
}
