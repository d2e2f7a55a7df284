namespace Intake.IntegrationTests.Infrastructure;

/// <summary>All integration tests share one stack and run one after another (they reset the database).</summary>
[CollectionDefinition(Name)]
public sealed class IntakeStackCollection : ICollectionFixture<IntakeStackFixture>
{
    public const string Name = "intake-stack";
}
