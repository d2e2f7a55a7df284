using System.Text.RegularExpressions;

namespace Intake.Bench.Profile;

/// <summary>Normalises SQL for grouping, and tells the outbox relay's statements from a request's.</summary>
public static partial class StatementText
{
    public static string Normalize(string sql)
    {
        var collapsed = Whitespace().Replace(sql, " ").Trim();
        return collapsed.Length <= 110 ? collapsed : collapsed[..110] + " …";
    }

    /// <summary>The relay claims with FOR UPDATE SKIP LOCKED and marks rows sent with an UPDATE.</summary>
    public static bool IsRelay(string sql) =>
        sql.Contains("SKIP LOCKED", StringComparison.OrdinalIgnoreCase)
        || sql.Contains("UPDATE outbox_messages", StringComparison.OrdinalIgnoreCase)
        || sql.Contains("UPDATE \"outbox_messages\"", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
