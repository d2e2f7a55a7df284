using Intake.Api;
using Intake.Api.Admin;
using Intake.Api.Auth;
using Intake.Api.Datasets;
using Intake.Api.Documents;
using Intake.Api.IdempotencyKeys;
using Intake.Api.Jobs;
using Intake.Api.Limits;
using Intake.Api.OpenApi;
using Intake.Api.RateLimiting;
using Intake.Api.TrainingRuns;
using Intake.Persistence;
using Intake.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIntakePersistence();
builder.AddIntakeBus();
builder.AddOutboxRelay();
builder.AddMaintenance();
builder.AddIntakeAuthentication();
builder.AddIntakeRateLimiting();
builder.AddIntakeOpenApi();
builder.AddIntakeApi();
builder.AddIntakeLimits();
builder.AddIntakeAdmin();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseRowSecurityForCaller();
app.UseIntakeRateLimiting();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapIntakeApiReference();
app.MapDocumentsApi();
app.MapJobsApi();
app.MapJobActionsApi();
app.MapDatasetsApi();
app.MapTrainingRunsApi();
app.MapIdempotencyKeysApi();
app.MapAdminApi();

app.Run();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
