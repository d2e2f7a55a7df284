using Intake.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Intake.Persistence;

public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options) : DbContext(options)
{
    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<Document> Documents => Set<Document>();

    public DbSet<DocumentChunk> DocumentChunks => Set<DocumentChunk>();

    public DbSet<Dataset> Datasets => Set<Dataset>();

    public DbSet<DatasetExample> DatasetExamples => Set<DatasetExample>();

    public DbSet<TrainingRun> TrainingRuns => Set<TrainingRun>();

    public DbSet<JobCheckpoint> JobCheckpoints => Set<JobCheckpoint>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IntakeDbContext).Assembly);
}
