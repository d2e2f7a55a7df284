using Intake.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// One-shot: applies pending EF Core migrations and exits (the `migrate` service in docker-compose,
// and the step before the API starts in ./run.sh). Migrations take an advisory lock, so two
// migrators started at once do not collide.
var builder = Host.CreateApplicationBuilder(args);
builder.AddIntakePersistence();

using var host = builder.Build();
await using var scope = host.Services.CreateAsyncScope();
var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
await db.Database.MigrateAsync();
Console.WriteLine("Intake database is up to date.");
