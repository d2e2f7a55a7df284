using Intake.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intake.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => m.JobId);
        builder.Property(m => m.MessageType).HasMaxLength(200);
        builder.Property(m => m.Destination).HasMaxLength(200);
        builder.Property(m => m.Body).HasColumnType("jsonb");

        // traceparent is 55 characters; tracestate is capped at 512 by the W3C spec.
        builder.Property(m => m.TraceParent).HasMaxLength(64);
        builder.Property(m => m.TraceState).HasMaxLength(512);

        // The relay's claim query only ever looks at unsent rows; keep that index small.
        builder.HasIndex(m => new { m.AvailableAt, m.Id })
            .HasFilter("sent_at IS NULL")
            .HasDatabaseName("ix_outbox_messages_unsent");
    }
}
