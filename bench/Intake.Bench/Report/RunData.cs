using Intake.Bench.Results;

namespace Intake.Bench.Report;

/// <summary>All results of one run, as the phases wrote them (any may be missing).</summary>
public sealed record RunData(
    string Directory,
    HttpPhaseResult? Http,
    RelayResult? Relay,
    IReadOnlyList<EndToEndResult> EndToEnd,
    ProfileResult? Profile)
{
    public static async Task<RunData> LoadAsync(string directory)
    {
        var endToEnd = new List<EndToEndResult>();
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "e2e-w*.json").Order())
        {
            if (await ResultFiles.ReadAsync<EndToEndResult>(directory, Path.GetFileName(file)) is { } result)
            {
                endToEnd.Add(result);
            }
        }

        return new RunData(
            directory,
            await ResultFiles.ReadAsync<HttpPhaseResult>(directory, ResultFiles.Http),
            await ResultFiles.ReadAsync<RelayResult>(directory, ResultFiles.Relay),
            endToEnd.OrderBy(e => e.Workers).ToList(),
            await ResultFiles.ReadAsync<ProfileResult>(directory, ResultFiles.Profile));
    }

    public LoadRun? Find(string scenario, string kind, int concurrency) =>
        Http?.Runs.FirstOrDefault(r => r.Scenario == scenario && r.Kind == kind && r.Concurrency == concurrency);

    public IReadOnlyList<int> Concurrencies =>
        Http?.Runs.Select(r => r.Concurrency).Distinct().Order().ToList() ?? [];
}
