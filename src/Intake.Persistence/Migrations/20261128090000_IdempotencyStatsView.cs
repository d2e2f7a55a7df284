using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Intake.Persistence.Migrations
{
    /// <summary>
    /// Hand-written, SQL only (the model snapshot is untouched): the replay/mismatch counters the
    /// API flushes every few seconds, and v_idempotency_stats over them, the keys and the open
    /// transactions writing the keys table.
    /// </summary>
    [DbContext(typeof(IntakeDbContext))]
    [Migration("20261128090000_IdempotencyStatsView")]
    public sealed class IdempotencyStatsView : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE TABLE idempotency_outcome_counts (
                    bucket timestamptz NOT NULL,
                    job_type text NOT NULL,
                    outcome text NOT NULL,
                    count bigint NOT NULL,
                    CONSTRAINT pk_idempotency_outcome_counts PRIMARY KEY (bucket, job_type, outcome),
                    CONSTRAINT ck_idempotency_outcome_counts_outcome CHECK (outcome IN ('replayed', 'mismatched'))
                );
                """);

            // One row per (metric, job type, state):
            //   keys      live | expired     count of stored keys by resource type, oldest created_at
            //   outcomes  replayed | mismatched  summed counters
            //   in_flight open               transactions holding a write lock on idempotency_keys
            //
            // In flight: a submission's key row is never stored as "in flight"; it is an
            // uncommitted INSERT. Every such transaction holds RowExclusiveLock on the table until
            // it ends, so pg_locks (current database only: relation OIDs repeat across databases)
            // joined with pg_stat_activity.xact_start finds them and their age. This includes a
            // duplicate request blocked on the first one's row (it is in flight too) and, for the
            // moment it runs, the retention sweep's DELETE. Why it works for the application role
            // without extra grants: pg_locks is readable by every role, and pg_stat_activity shows
            // xact_start for sessions of the caller's own role; the API's sessions all use its one
            // role. Sessions of other roles would be counted with a NULL xact_start unless the
            // reader is granted pg_read_all_stats. The reader's own backend is excluded.
            migrationBuilder.Sql(
                """
                CREATE VIEW v_idempotency_stats AS
                SELECT 'keys'::text AS metric,
                       k.resource_type::text AS job_type,
                       CASE WHEN k.expires_at > now() THEN 'live' ELSE 'expired' END AS state,
                       count(*)::bigint AS value,
                       min(k.created_at) AS oldest_at
                FROM idempotency_keys k
                GROUP BY 2, 3
                UNION ALL
                SELECT 'outcomes', c.job_type, c.outcome, sum(c.count)::bigint, min(c.bucket)
                FROM idempotency_outcome_counts c
                GROUP BY 2, 3
                UNION ALL
                SELECT 'in_flight', NULL, 'open', count(*)::bigint, min(w.xact_start)
                FROM (
                    SELECT DISTINCT a.pid, a.xact_start
                    FROM pg_locks l
                    JOIN pg_stat_activity a ON a.pid = l.pid
                    WHERE l.locktype = 'relation'
                      AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
                      AND l.relation = 'idempotency_keys'::regclass
                      AND l.mode = 'RowExclusiveLock'
                      AND l.granted
                      AND l.pid <> pg_backend_pid()
                ) w;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS v_idempotency_stats;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS idempotency_outcome_counts;");
        }
    }
}
