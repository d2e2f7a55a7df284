namespace Intake.Bench.Cpu;

public static class CpuCategories
{
    public const string Api = "api";
    public const string Workers = "workers";
    public const string PostgresBench = "postgres (bench db)";
    public const string PostgresShared = "postgres (shared)";
    public const string RabbitMq = "rabbitmq";
    public const string Client = "bench client";
    public const string Pgbench = "pgbench client";
    public const string Other = "other";

    /// <summary>Display order.</summary>
    public static readonly IReadOnlyList<string> All =
        [Client, Pgbench, Api, Workers, PostgresBench, PostgresShared, RabbitMq, Other];
}
