using Intake.Persistence;
using Npgsql;

namespace Intake.UnitTests.Persistence;

public sealed class IntakeConnectionStringTests
{
    private const string Plain = "Host=db;Port=5432;Database=intake;Username=intake_app;Password=secret";

    [Fact]
    public void A_string_that_says_nothing_about_preparation_gets_automatic_preparation()
    {
        var settings = new NpgsqlConnectionStringBuilder(IntakeConnectionString.WithDefaults(Plain));

        Assert.Equal(IntakeConnectionString.MaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal(IntakeConnectionString.AutoPrepareMinUsages, settings.AutoPrepareMinUsages);
    }

    [Fact]
    public void Everything_else_the_operator_wrote_is_kept()
    {
        var settings = new NpgsqlConnectionStringBuilder(IntakeConnectionString.WithDefaults(Plain + ";Maximum Pool Size=7;Timeout=3"));

        Assert.Equal("db", settings.Host);
        Assert.Equal(5432, settings.Port);
        Assert.Equal("intake", settings.Database);
        Assert.Equal("intake_app", settings.Username);
        Assert.Equal("secret", settings.Password);
        Assert.Equal(7, settings.MaxPoolSize);
        Assert.Equal(3, settings.Timeout);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0)]
    [InlineData("max auto prepare=5", 5)]
    [InlineData("MaxAutoPrepare=9", 9)]
    public void A_string_that_sets_max_auto_prepare_wins_even_when_it_turns_it_off(string setting, int expected)
    {
        var settings = new NpgsqlConnectionStringBuilder(IntakeConnectionString.WithDefaults($"{Plain};{setting}"));

        Assert.Equal(expected, settings.MaxAutoPrepare);
        Assert.Equal(new NpgsqlConnectionStringBuilder().AutoPrepareMinUsages, settings.AutoPrepareMinUsages);
    }

    [Fact]
    public void The_operators_minimum_usages_are_kept_when_only_they_are_given()
    {
        var settings = new NpgsqlConnectionStringBuilder(IntakeConnectionString.WithDefaults(Plain + ";Auto Prepare Min Usages=10"));

        Assert.Equal(IntakeConnectionString.MaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal(10, settings.AutoPrepareMinUsages);
    }

    [Fact]
    public void A_string_that_says_nothing_about_the_reset_skips_it()
    {
        Assert.True(new NpgsqlConnectionStringBuilder(IntakeConnectionString.WithDefaults(Plain)).NoResetOnClose);
    }

    [Theory]
    [InlineData("No Reset On Close=false")]
    [InlineData("noresetonclose=false")]
    public void A_string_that_turns_the_reset_back_on_wins(string setting)
    {
        Assert.False(new NpgsqlConnectionStringBuilder(IntakeConnectionString.WithDefaults($"{Plain};{setting}")).NoResetOnClose);
    }
}
