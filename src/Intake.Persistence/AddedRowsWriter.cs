using System.Collections.Concurrent;
using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Intake.Persistence;

/// <summary>
/// Writes a context's Added rows as one batch of INSERTs, for the submission path's commit. Each
/// entity type's INSERT is generated once from the EF model (table, columns, store types, value
/// converters), so it follows the model; SaveChanges regenerated its SQL, detected changes and
/// propagated results on every call, which was 11 % of the API's CPU per submission
/// (BENCHMARKS.md, thirteenth pass).
///
/// Sent without BEGIN/COMMIT, the batch runs as one implicit transaction: all rows or none. Only
/// plain rows are taken. Left to SaveChanges (the caller's fallback): a type with a foreign key,
/// a store-side default, a computed column, a shadow property or a discriminator; a context
/// holding anything but Added and Unchanged entries; a connection that is not open yet (its
/// lease has not applied the row-security identity) or one inside an explicit transaction.
/// </summary>
public static class AddedRowsWriter
{
    private static readonly ConcurrentDictionary<IEntityType, RowInsert?> Inserts = new();

    /// <summary>
    /// Inserts every Added entry in one round trip and returns true; or returns false having sent
    /// nothing. The entries stay Added: the caller clears the change tracker after its commit.
    /// </summary>
    public static async Task<bool> TryInsertAsync(DbContext db, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open || db.Database.CurrentTransaction is not null)
        {
            return false;
        }

        var added = new List<EntityEntry>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    added.Add(entry);
                    break;
                case EntityState.Unchanged:
                    break;
                default:
                    return false;
            }
        }

        if (added.Count == 0)
        {
            return false;
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var entry in added)
        {
            if (Inserts.GetOrAdd(entry.Metadata, RowInsert.For) is not { } insert)
            {
                return false;
            }

            batch.BatchCommands.Add(insert.Command(entry.Entity));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }
}
