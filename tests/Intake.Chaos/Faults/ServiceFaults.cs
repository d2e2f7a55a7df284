using Intake.Chaos.Stack;

namespace Intake.Chaos.Faults;

/// <summary>
/// RabbitMQ outages (stop_app … start_app) and PostgreSQL restarts of the chaos instance. Each kind
/// runs one at a time; the two kinds are independent (a slow rabbitmqctl must not hold up the
/// database restart), so on a slow machine they can overlap.
/// </summary>
public sealed class ServiceFaults(ServicesControl services, FaultLog log, TimeSpan outage)
{
    private readonly SemaphoreSlim _broker = new(1, 1);
    private readonly SemaphoreSlim _database = new(1, 1);

    public async Task RabbitOutageAsync(CancellationToken cancellationToken)
    {
        await _broker.WaitAsync(cancellationToken);
        log.ServiceDown();
        var back = false;
        try
        {
            var stop = await services.RabbitStopAppAsync(cancellationToken);
            if (!stop.Succeeded)
            {
                log.Problem($"rabbitmqctl stop_app failed ({stop.ExitCode}): {stop.Output}");
                back = true;
                return;
            }

            var down = System.Diagnostics.Stopwatch.StartNew();
            log.Record("rabbitmq-outage", $"stop_app (took {stop.Elapsed.TotalSeconds:0.0} s); broker down for {outage.TotalSeconds:0} s");
            await Task.Delay(outage, cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                var start = await services.RabbitStartAppAsync(cancellationToken);
                if (start.Succeeded)
                {
                    back = true;
                    log.Measure("rabbitmq-down-seconds", down.Elapsed.TotalSeconds);
                    log.Ended($"RabbitMQ start_app after {down.Elapsed.TotalSeconds:0.0} s down");
                    return;
                }

                if (attempt == 5)
                {
                    log.Problem($"rabbitmqctl start_app failed ({start.ExitCode}): {start.Output}");
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
        finally
        {
            if (back)
            {
                log.ServiceUp();
            }

            _broker.Release();
        }
    }

    public async Task PgRestartAsync(CancellationToken cancellationToken)
    {
        await _database.WaitAsync(cancellationToken);
        log.ServiceDown();
        try
        {
            log.Record("postgres-restart", "pg_ctl stop -m fast, then start");
            var restart = await services.PgRestartAsync(cancellationToken);
            if (restart.Succeeded)
            {
                log.Measure("postgres-restart-seconds", restart.Elapsed.TotalSeconds);
                log.Ended($"PostgreSQL restarted in {restart.Elapsed.TotalSeconds:0.0} s");
            }
            else
            {
                log.Problem($"scripts/services.sh pg-restart failed ({restart.ExitCode}): {restart.Output}");
            }
        }
        finally
        {
            // Whatever pg-restart reported, the database is as up as it will get.
            log.ServiceUp();
            _database.Release();
        }
    }
}
