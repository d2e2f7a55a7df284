using Intake.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intake.Persistence.Configurations;

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.HasKey(m => new { m.UserId, m.JobId, m.Consumer });
        builder.Property(m => m.UserId).HasMaxLength(200);
        builder.Property(m => m.Consumer).HasMaxLength(100);
        builder.HasIndex(m => m.ProcessedAt);
    }
}
