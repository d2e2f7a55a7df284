using Intake.Workers.Hosting;

namespace Intake.UnitTests;

public sealed class RetryScheduleTests
{
    [Fact]
    public void Intervals_double_up_to_the_cap_and_each_is_jittered_between_half_and_full()
    {
        var min = TimeSpan.FromMilliseconds(200);
        var max = TimeSpan.FromSeconds(5);
        for (var seed = 0; seed < 200; seed++)
        {
            var schedule = RetrySchedule.Exponential(8, min, max, new Random(seed));

            Assert.Equal(8, schedule.Length);
            for (var n = 0; n < schedule.Length; n++)
            {
                var nominal = TimeSpan.FromTicks(Math.Min(min.Ticks << n, max.Ticks));
                Assert.InRange(schedule[n], nominal / 2, nominal);
            }
        }
    }

    [Fact]
    public void Two_processes_get_different_schedules()
    {
        var a = RetrySchedule.Exponential(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(1));
        var b = RetrySchedule.Exponential(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(2));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void No_retries_is_an_empty_schedule() =>
        Assert.Empty(RetrySchedule.Exponential(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), new Random(3)));
}
