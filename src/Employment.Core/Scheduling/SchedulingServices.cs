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
            if (data.Database.IsPostgres)
            {
                // Several web nodes share the store: each trigger fires on one node, and a job that
                // asks for recovery is run again by another node when its node stops checking in.
                store.UsePostgres(data.ConnectionString);
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(schedules.ClusterCheckinSeconds);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(schedules.ClusterCheckinSeconds * 2);
                });
            }
            else
            {
                store.UseSqlite(data.ConnectionString);
            }
            store.ProvisionSchema();
            store.UseExecutionHistory();
            store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
        });
    }

    /// <summary>Whether the scheduler's tables exist yet (the web host creates them at its first start).</summary>
    public static Task<bool> StoreExistsAsync(DataOptions data, CancellationToken ct = default) =>
        data.Database.IsPostgres
            ? PostgresStore.TableExistsAsync(data.ConnectionString, "qrtz_triggers", ct)
            : SqliteStore.TableExistsAsync(data, "QRTZ_TRIGGERS", ct);
}
