using Intake.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intake.Persistence.Configurations;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.UserId).HasMaxLength(200);
        builder.Property(j => j.IdempotencyKey).HasMaxLength(256);
        builder.Property(j => j.Type).HasMaxLength(64);
        builder.Property(j => j.Status).HasMaxLength(16);
        builder.Property(j => j.Request).HasColumnType("jsonb");
        builder.Property(j => j.Result).HasColumnType("jsonb");
        builder.Property(j => j.Command).HasColumnType("jsonb");
        builder.Property(j => j.Progress).HasColumnType("jsonb");
        builder.Property(j => j.LeaseOwner).HasMaxLength(200);
        builder.Property(j => j.ErrorCode).HasMaxLength(100);

        // Newest-first listing per user, with keyset pagination on (created_at, id).
        builder.HasIndex(j => new { j.UserId, j.CreatedAt, j.Id }).IsDescending(false, true, true);

        // Status by key: the newest job submitted under (user, key).
        builder.HasIndex(j => new { j.UserId, j.IdempotencyKey })
            .HasFilter("idempotency_key IS NOT NULL");

        // Finding work whose worker stopped renewing its lease.
        builder.HasIndex(j => j.LeaseExpiresAt).HasFilter("status = 'running'");

        builder.ToTable(t => t.HasCheckConstraint(
            "ck_jobs_status", "status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')"));
    }
}
