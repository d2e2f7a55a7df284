using Intake.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intake.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");

        // The scope of a key is the user: the primary key is the uniqueness guarantee that the
        // submit path's INSERT … ON CONFLICT relies on.
        builder.HasKey(r => new { r.UserId, r.Key });
        builder.Property(r => r.UserId).HasMaxLength(200);
        builder.Property(r => r.Key).HasMaxLength(256);
        builder.Property(r => r.Fingerprint).HasMaxLength(64).IsFixedLength();
        builder.Property(r => r.RequestMethod).HasMaxLength(8);
        builder.Property(r => r.RequestPath).HasMaxLength(200);
        builder.Property(r => r.ResourceType).HasMaxLength(32);
        builder.Property(r => r.ResponseLocation).HasMaxLength(200);

        // Expiry sweeps.
        builder.HasIndex(r => r.ExpiresAt);
    }
}
