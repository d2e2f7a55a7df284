namespace Intake.UnitTests.Deployment;

// The API's environment-only runtime settings live in src/Intake.Api/runtime.env (read by run.sh
// and scripts/bench.sh) and, for the container image, in the Dockerfile's api stage. A change to
// one that misses the other would make the benchmarked process differ from the shipped one.
public sealed class RuntimeEnvFileTests
{
    private static readonly string Root = FindRepositoryRoot();

    [Fact]
    public void The_api_image_sets_exactly_the_settings_of_runtime_env()
    {
        var fromFile = RuntimeEnvSettings().ToHashSet(StringComparer.Ordinal);

        var fromImage = ApiStageEnv(File.ReadAllLines(Path.Combine(Root, "Dockerfile")))
            .Where(line => line.StartsWith("DOTNET_", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(fromFile);
        Assert.Equal(fromFile.Order(), fromImage.Order());
    }

    [Fact]
    public void Every_setting_is_a_dotnet_variable_with_a_value()
    {
        Assert.All(RuntimeEnvSettings(), line => Assert.Matches("^DOTNET_[A-Za-z0-9_]+=[^ ]+$", line));
    }

    // Its lines without comments and blank lines, as run.sh and scripts/bench.sh read them.
    private static IEnumerable<string> RuntimeEnvSettings() =>
        File.ReadAllLines(Path.Combine(Root, "src/Intake.Api/runtime.env"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'));

    // The ENV lines (one VAR=value each) between "FROM … AS api" and the next FROM.
    private static IEnumerable<string> ApiStageEnv(string[] dockerfile) =>
        dockerfile
            .SkipWhile(line => !line.StartsWith("FROM ", StringComparison.Ordinal)
                               || !line.EndsWith(" AS api", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(line => !line.StartsWith("FROM ", StringComparison.Ordinal))
            .Where(line => line.StartsWith("ENV ", StringComparison.Ordinal))
            .Select(line => line["ENV ".Length..].Trim());

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Intake.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Intake.sln above {AppContext.BaseDirectory}");
    }
}
