using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Intake.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting a host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<IntakeDbContext>
{
    public IntakeDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<IntakeDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=intake_design")
            .UseSnakeCaseNamingConvention()
            .Options;
        return new IntakeDbContext(options);
    }
}
