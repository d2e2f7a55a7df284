using Intake.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intake.Persistence.Configurations;

internal sealed class TrainingRunConfiguration : IEntityTypeConfiguration<TrainingRun>
{
    public void Configure(EntityTypeBuilder<TrainingRun> builder)
    {
        builder.ToTable("training_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.UserId).HasMaxLength(200);
        builder.Property(r => r.BaseModel).HasMaxLength(200);
        builder.Property(r => r.Status).HasMaxLength(32);
        builder.Property(r => r.Plan).HasColumnType("jsonb");
        builder.Property(r => r.Metrics).HasColumnType("jsonb");
        builder.HasIndex(r => r.JobId).IsUnique();
        builder.HasOne<Dataset>().WithMany().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Restrict);
    }
}
