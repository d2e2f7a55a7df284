using Intake.Bench.Api;
using Intake.Bench.Auth;
using Intake.Bench.Cli;
using Intake.Bench.Cpu;
using Intake.Bench.Db;
using Npgsql;

namespace Intake.Bench.Phases;

/// <summary>What every phase uses: the API client, tokens, the database and the CPU meter.</summary>
public sealed class PhaseContext : IAsyncDisposable
{
    public PhaseContext(BenchSettings settings)
    {
        Settings = settings;
        Api = new IntakeClient(settings.Api);
        Tokens = new TokenFactory(settings.SigningKey);
        Users = new UserFixture(Api, Tokens);
        DataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        Db = new BenchDb(DataSource);
        Cpu = CpuMeter.Supported ? new CpuMeter(new ProcessRoles(settings.PidDirectory, settings.Database)) : null;
    }

    public BenchSettings Settings { get; }

    public IntakeClient Api { get; }

    public TokenFactory Tokens { get; }

    public UserFixture Users { get; }

    public NpgsqlDataSource DataSource { get; }

    public BenchDb Db { get; }

    public CpuMeter? Cpu { get; }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await DataSource.DisposeAsync();
    }
}
