using Intake.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intake.Persistence.Configurations;

internal sealed class DatasetExampleConfiguration : IEntityTypeConfiguration<DatasetExample>
{
    public void Configure(EntityTypeBuilder<DatasetExample> builder)
    {
        builder.ToTable("dataset_examples");
        builder.HasKey(e => new { e.DatasetId, e.Ordinal });
        builder.Property(e => e.Split).HasMaxLength(16);
        builder.HasOne<Dataset>().WithMany().HasForeignKey(e => e.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }
}
