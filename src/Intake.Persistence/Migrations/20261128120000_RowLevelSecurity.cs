using Intake.Persistence.Security;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Intake.Persistence.Migrations
{
    /// <summary>
    /// Row-level security as a second line behind the API's own scoping (SQL only: the model is
    /// unchanged, so there is no designer file and the snapshot is untouched).
    ///
    /// The application connects as <c>intake_app</c>, which does not own the tables, so the
    /// policies apply to it while the owner (the migrator, test setup) bypasses them. A row is
    /// visible and writable when its user is the one set on the session
    /// (<c>intake.user_id</c>), or when the session is in the system scope (<c>intake.scope</c>
    /// = 'system', used only by cross-user sweeps). Child tables without a user column follow
    /// their parent: the EXISTS on the parent is itself filtered by the parent's policies.
    /// Nothing set means nothing visible and nothing insertable.
    /// </summary>
    [DbContext(typeof(IntakeDbContext))]
    [Migration("20261128120000_RowLevelSecurity")]
    public partial class RowLevelSecurity : Migration
    {
        private static readonly string[] OwnedTables =
            ["jobs", "idempotency_keys", "inbox_messages", "documents", "datasets", "training_runs"];

        // (child, parent, child column referencing parent.id)
        private static readonly (string Child, string Parent, string Column)[] ChildTables =
        [
            ("document_chunks", "documents", "document_id"),
            ("dataset_examples", "datasets", "dataset_id"),
            ("job_checkpoints", "jobs", "job_id"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            var role = RowSecuritySettings.AppRole;
            migrationBuilder.Sql($"""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                        RAISE EXCEPTION 'role {role} does not exist: create it (LOGIN, not the table owner) before migrating; scripts/services.sh and the compose postgres init script do';
                    END IF;
                END $$;
                """);

            // What the API and workers need, and no more: no DDL, no TRUNCATE, no migration history.
            migrationBuilder.Sql($"""
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
                GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role};
                REVOKE ALL ON TABLE "__EFMigrationsHistory" FROM {role};
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO {role};
                """);

            var user = $"NULLIF(current_setting('{RowSecuritySettings.UserSetting}', true), '')";
            var system = $"current_setting('{RowSecuritySettings.ScopeSetting}', true) = '{RowSecuritySettings.SystemScope}'";
            foreach (var table in OwnedTables)
            {
                migrationBuilder.Sql($"""
                    ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                    CREATE POLICY {table}_owner ON {table} USING (user_id = {user}) WITH CHECK (user_id = {user});
                    CREATE POLICY {table}_system ON {table} USING ({system}) WITH CHECK ({system});
                    """);
            }

            foreach (var (child, parent, column) in ChildTables)
            {
                var parentVisible = $"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {child}.{column})";
                migrationBuilder.Sql($"""
                    ALTER TABLE {child} ENABLE ROW LEVEL SECURITY;
                    CREATE POLICY {child}_parent ON {child} USING ({parentVisible}) WITH CHECK ({parentVisible});
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (child, _, _) in ChildTables)
            {
                migrationBuilder.Sql($"""
                    DROP POLICY IF EXISTS {child}_parent ON {child};
                    ALTER TABLE {child} DISABLE ROW LEVEL SECURITY;
                    """);
            }

            foreach (var table in OwnedTables)
            {
                migrationBuilder.Sql($"""
                    DROP POLICY IF EXISTS {table}_owner ON {table};
                    DROP POLICY IF EXISTS {table}_system ON {table};
                    ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
                    """);
            }

            var role = RowSecuritySettings.AppRole;
            migrationBuilder.Sql($"""
                ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM {role};
                ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE ON SEQUENCES FROM {role};
                REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role};
                REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role};
                """);
        }
    }
}
