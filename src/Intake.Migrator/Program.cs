using Intake.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// One-shot: applies pending EF Core migrations and exits (the `migrate` service in docker-compose,
// and the step before the API starts in ./run.sh). Migrations take an advisory lock, so two
// migrators started at once do not collide. It connects as the owner of the tables
// (ConnectionStrings:IntakeMigrations), not as the application role the API and workers use.
var builder = Host.CreateApplicationBuilder(args);
builder.AddIntakeMigrations();

using var host = builder.Build();
await using var scope = host.Services.CreateAsyncScope();
var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
await db.Database.MigrateAsync();
Console.WriteLine("Intake database is up to date.");
