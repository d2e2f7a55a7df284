using Intake.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intake.Persistence.Configurations;

internal sealed class JobCheckpointConfiguration : IEntityTypeConfiguration<JobCheckpoint>
{
    public void Configure(EntityTypeBuilder<JobCheckpoint> builder)
    {
        builder.ToTable("job_checkpoints");
        builder.HasKey(c => c.JobId);
        builder.Property(c => c.Metrics).HasColumnType("jsonb");
        builder.HasOne<Job>().WithOne().HasForeignKey<JobCheckpoint>(c => c.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
