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
/// PostgreSQL's CPU per request by 16–22 % (submit, replay, status; BENCHMARKS.md). Prepared
/// statements survive the connection's return to the pool: Npgsql then resets the session with
/// RESET ALL and friends instead of DISCARD ALL, which still clears the row-security identity and
/// lock_timeout (tested). A string that sets <c>Max Auto Prepare</c> itself, 0 included, wins.
/// The price: PostgreSQL refuses a prepared statement whose result columns changed, so raw SQL
/// must name its columns (or select ids for EF to load), never <c>SELECT *</c>, or it breaks when a
/// rolling deploy's migration adds a column under the running version (SchemaChangeTests).
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

        return settings.ConnectionString;
    }

    /// <summary>Npgsql accepts a keyword with or without spaces and in any case ("Max Auto Prepare", "maxautoprepare").</summary>
    private static string Normalize(string keyword) => keyword.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
