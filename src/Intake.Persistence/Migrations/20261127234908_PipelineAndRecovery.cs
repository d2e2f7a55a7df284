using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Intake.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PipelineAndRecovery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_jobs_status",
                table: "jobs");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completed_at",
                table: "training_runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "final_validation_perplexity",
                table: "training_runs",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "metrics",
                table: "training_runs",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "model",
                table: "training_runs",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "uniform_perplexity",
                table: "training_runs",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "job_id",
                table: "outbox_messages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "cancel_requested",
                table: "jobs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "command",
                table: "jobs",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lease_owner",
                table: "jobs",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "progress",
                table: "jobs",
                type: "jsonb",
                nullable: true);

            // Text documents become their UTF-8 bytes: binary uploads (PDF) need a bytea column.
            migrationBuilder.Sql(
                "ALTER TABLE documents ALTER COLUMN content TYPE bytea USING convert_to(content, 'UTF8');");

            migrationBuilder.AddColumn<int>(
                name: "page_count",
                table: "documents",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "token_count",
                table: "documents",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "page",
                table: "document_chunks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "section_title",
                table: "document_chunks",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "token_count",
                table: "document_chunks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "tokens_max",
                table: "datasets",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "tokens_mean",
                table: "datasets",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "tokens_min",
                table: "datasets",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "tokens_total",
                table: "datasets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "token_count",
                table: "dataset_examples",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "job_checkpoints",
                columns: table => new
                {
                    job_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<byte[]>(type: "bytea", nullable: false),
                    metrics = table.Column<string>(type: "jsonb", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_checkpoints", x => x.job_id);
                    table.ForeignKey(
                        name: "fk_job_checkpoints_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_job_id",
                table: "outbox_messages",
                column: "job_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_jobs_status",
                table: "jobs",
                sql: "status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "job_checkpoints");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_job_id",
                table: "outbox_messages");

            migrationBuilder.DropCheckConstraint(
                name: "ck_jobs_status",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "completed_at",
                table: "training_runs");

            migrationBuilder.DropColumn(
                name: "final_validation_perplexity",
                table: "training_runs");

            migrationBuilder.DropColumn(
                name: "metrics",
                table: "training_runs");

            migrationBuilder.DropColumn(
                name: "model",
                table: "training_runs");

            migrationBuilder.DropColumn(
                name: "uniform_perplexity",
                table: "training_runs");

            migrationBuilder.DropColumn(
                name: "job_id",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "cancel_requested",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "command",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "lease_owner",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "progress",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "page_count",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "token_count",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "page",
                table: "document_chunks");

            migrationBuilder.DropColumn(
                name: "section_title",
                table: "document_chunks");

            migrationBuilder.DropColumn(
                name: "token_count",
                table: "document_chunks");

            migrationBuilder.DropColumn(
                name: "tokens_max",
                table: "datasets");

            migrationBuilder.DropColumn(
                name: "tokens_mean",
                table: "datasets");

            migrationBuilder.DropColumn(
                name: "tokens_min",
                table: "datasets");

            migrationBuilder.DropColumn(
                name: "tokens_total",
                table: "datasets");

            migrationBuilder.DropColumn(
                name: "token_count",
                table: "dataset_examples");

            migrationBuilder.Sql(
                "ALTER TABLE documents ALTER COLUMN content TYPE text USING convert_from(content, 'UTF8');");

            migrationBuilder.AddCheckConstraint(
                name: "ck_jobs_status",
                table: "jobs",
                sql: "status IN ('queued', 'running', 'succeeded', 'failed')");
        }
    }
}
