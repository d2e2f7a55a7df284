using System.Data.Common;
using Npgsql;

namespace Intake.Persistence;

/// <summary>
/// The application's connection string with the defaults the service is tuned for, unless the
/// operator's string already says otherwise.
///
/// Automatic preparation: the API and the workers repeat a few dozen statements (the key lookup,
/// the three INSERTs of a submission, the relay's claim, the inbox's), so PostgreSQL parsing and
/// planning each of them on every execution is pure overhead. Measured at 8 clients, it cut
/// PostgreSQL's CPU per request by 16–22 % (submit, replay, status; BENCHMARKS.md). A string that
/// sets <c>Max Auto Prepare</c> itself, 0 included, wins. The price: PostgreSQL refuses a prepared
/// statement whose result columns changed, so raw SQL must name its columns (or select ids for EF
/// to load), never <c>SELECT *</c>, or it breaks when a rolling deploy's migration adds a column
/// under the running version (SchemaChangeTests).
///
/// No reset on close: by default Npgsql resets a returned connection's session in front of the
/// next lease's first command (DISCARD ALL, or RESET ALL, CLOSE ALL, UNLISTEN * and the like when it
/// keeps prepared statements): several statements PostgreSQL runs on every lease. The service's only
/// session state is what <see cref="Security.RowSecurityInterceptor"/> overwrites on every lease
/// (the row-security identity and lock_timeout; no LISTEN, temporary tables, cursors or advisory
/// locks on these connections), so the reset buys nothing. Turning it off cut PostgreSQL's CPU per
/// submission by about a quarter at 8 clients (BENCHMARKS.md, tenth pass). An unfinished
/// transaction is still rolled back on the return. A string that names <c>No Reset On Close</c> wins.
/// </summary>
public static class IntakeConnectionString
{
    /// <summary>Distinct statements kept prepared per connection (least recently used ones are replaced).</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>Executions before a statement is prepared: a one-off statement is never prepared.</summary>
    public const int AutoPrepareMinUsages = 2;

    public static string WithDefaults(string connectionString)
    {
        // Npgsql would report its default for a keyword the string does not name, so what the
        // operator wrote is read with the generic parser.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var named = given.Keys.Cast<string>().Select(Normalize).ToHashSet();

        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!named.Contains(Normalize(nameof(settings.MaxAutoPrepare))))
        {
            settings.MaxAutoPrepare = MaxAutoPrepare;
            if (!named.Contains(Normalize(nameof(settings.AutoPrepareMinUsages))))
            {
                settings.AutoPrepareMinUsages = AutoPrepareMinUsages;
            }
        }

        if (!named.Contains(Normalize(nameof(settings.NoResetOnClose))))
        {
            settings.NoResetOnClose = true;
        }

        return settings.ConnectionString;
    }

    /// <summary>Npgsql accepts a keyword with or without spaces and in any case ("Max Auto Prepare", "maxautoprepare").</summary>
    private static string Normalize(string keyword) => keyword.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
