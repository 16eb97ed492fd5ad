using Employment.Core.Data;
using Employment.Core.Placement;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Employment.Core.Scheduling;

public static class SchedulingServices
{
    /// <summary>The Core services the jobs call; also what tests and pages call directly.</summary>
    public static IServiceCollection AddEmploymentScheduling(this IServiceCollection services)
    {
        services.AddOptions<ScheduleOptions>()
            .BindConfiguration(ScheduleOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<JobFairPlanning>();
        services.AddScoped<FollowUpQueue>();
        services.AddScoped<PositionExpiry>();
        return services;
    }

    /// <summary>
    /// The persistent store, in the database file EF uses (tech-notes §5): its tables are created at
    /// start when missing, and the execution history (last run and result per job) is kept there too,
    /// so it survives restarts and the CLI reads what the web host recorded.
    /// </summary>
    public static void UseEmploymentStore(this IQuartzBuilder quartz, DataOptions data, ScheduleOptions schedules)
    {
        quartz.ConfigureScheduler(s =>
        {
            s.InstanceName = ScheduleBook.SchedulerName;
            s.IdleWaitTime = TimeSpan.FromSeconds(schedules.IdleWaitSeconds);
        });
        quartz.UsePersistentStore(store =>
        {
            store.UseSqlite(data.ConnectionString);
            store.ProvisionSchema();
            store.UseExecutionHistory();
            store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
        });
    }

    /// <summary>Whether the scheduler's tables exist yet (the web host creates them at its first start).</summary>
    public static async Task<bool> StoreExistsAsync(DataOptions data, CancellationToken ct = default)
    {
        if (!File.Exists(data.SqlitePath) && string.IsNullOrWhiteSpace(data.Database.ConnectionString))
        {
            return false;
        }
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(data.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'QRTZ_TRIGGERS'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
