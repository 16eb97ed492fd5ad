using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Scheduling;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using Quartz.Extensibility;

namespace Employment.Tests.Scheduling;

/// <summary>
/// The real host on a data directory the test owns (so a second host can start on it after the
/// first stopped), with a fake clock as the registered TimeProvider: Quartz, the jobs and the Core
/// services all read it, and advancing it fires what falls due.
/// </summary>
public sealed class SchedulingHost(string dataDir, FakeTimeProvider clock, bool demo = false, IReadOnlyDictionary<string, string>? settings = null) : AppFactory(demo)
{
    public FakeTimeProvider Clock => clock;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DataDir", dataDir);
        TestStore.Use(builder, dataDir);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        // The district's clock over the fake time, as production wraps the system's.
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(
            new Core.Domain.DistrictTimeProvider(clock, Core.Domain.DistrictTimeProvider.FindZone(null))));
    }

    public async Task<IScheduler> SchedulerAsync() => await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    public async Task<JobRunStatus?> StatusAsync(string schedule)
    {
        var scheduler = await SchedulerAsync();
        return await Services.GetRequiredService<IExecutionHistoryStore>().GetJobRunStatus(scheduler.SchedulerName, new JobKey(schedule));
    }

    /// <summary>Waits (real time, bounded) until a schedule has recorded at least <paramref name="runs"/> runs.</summary>
    public async Task<JobRunStatus> WaitForRunsAsync(string schedule, int runs = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (await StatusAsync(schedule) is { } status && status.RunCount >= runs)
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"schedule {schedule} did not run {runs} time(s)");
            await Task.Delay(100);
        }
    }

    public async Task ImportAsync(Dataset dataset)
    {
        var read = DatasetReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(DatasetWriter.ToJson(dataset))),
            Core.Taxonomy.Taxonomy.Embedded, new DateOnly(2026, 11, 24)).EnsureValid();
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatasetImporter>().ImportAsync(read);
    }

    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

internal static class Shanghai
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>An instant given as Shanghai wall-clock time.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));
}
