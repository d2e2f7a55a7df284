using Intake.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intake.Persistence.Configurations;

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<Dataset>
{
    public void Configure(EntityTypeBuilder<Dataset> builder)
    {
        builder.ToTable("datasets");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.UserId).HasMaxLength(200);
        builder.Property(d => d.Format).HasMaxLength(32);

        // A job's effect exists at most once, even if the inbox were bypassed.
        builder.HasIndex(d => d.JobId).IsUnique();
    }
}
