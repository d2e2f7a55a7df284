using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Intake.Persistence.Migrations
{
    /// <summary>
    /// A partial index for the lost-command sweep (queued jobs by age), so that it never scans the
    /// whole jobs table. Written by hand in SQL: a partial index on a status value is a storage
    /// detail of one sweep, kept out of the EF model.
    /// </summary>
    [DbContext(typeof(IntakeDbContext))]
    [Migration("20261128030000_QueuedJobsIndex")]
    public partial class QueuedJobsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_jobs_queued_created_at ON jobs (created_at) WHERE status = 'queued';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_jobs_queued_created_at;");
        }
    }
}
