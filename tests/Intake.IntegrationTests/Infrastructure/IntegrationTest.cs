namespace Intake.IntegrationTests.Infrastructure;

/// <summary>Base for integration tests: a clean database and fault injector before each test.</summary>
[Collection(IntakeStackCollection.Name)]
public abstract class IntegrationTest(IntakeStackFixture stack) : IAsyncLifetime
{
    protected IntakeStackFixture Stack { get; } = stack;

    public virtual async Task InitializeAsync()
    {
        Stack.Faults.Clear();
        await Stack.Postgres.ResetAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected ApiClient As(string userId) => new(Stack.ClientFor(userId));
}
