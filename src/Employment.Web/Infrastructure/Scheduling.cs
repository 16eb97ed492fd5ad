using Employment.Core.Data;
using Employment.Core.Scheduling;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Employment.Web.Infrastructure;

public static class Scheduling
{
    /// <summary>
    /// Quartz in the host, on the persistent store in the application's database, with the program's
    /// schedules declared. Declared triggers never overwrite stored ones
    /// (OverwriteExistingData false, IgnoreDuplicates true): with Quartz's default, every start
    /// would replace a stored trigger and silently skip a firing missed while the server was down
    /// (tech-notes §5); kept, the missed firing runs once at start (FireAndProceed), and a schedule
    /// an admin changed stays changed.
    /// </summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEmploymentScheduling();
        var data = builder.Configuration.Get<DataOptions>() ?? new DataOptions();
        var schedules = builder.Configuration.GetSection(ScheduleOptions.Section).Get<ScheduleOptions>() ?? new ScheduleOptions();

        builder.Services.Configure<QuartzOptions>(o =>
        {
            o.Scheduling.OverwriteExistingData = false;
            o.Scheduling.IgnoreDuplicates = true;
        });
        // No UseTimeProvider here: a scheduler not given a clock takes the container's TimeProvider,
        // the one every "now" in the program reads, so a test's fake clock drives the schedules too.
        builder.Services.AddQuartz(q =>
        {
            q.UseEmploymentStore(data, schedules);
            foreach (var definition in ScheduleBook.All)
            {
                q.AddJob(definition.JobType, j => j.WithIdentity(definition.JobKey).StoreDurably());
                q.AddTrigger((sp, t) =>
                {
                    var clock = sp.GetRequiredService<TimeProvider>();
                    var zone = TimeZoneInfo.FindSystemTimeZoneById(schedules.TimeZone);
                    t.WithIdentity(definition.TriggerKey).ForJob(definition.JobKey).StartAt(clock.GetUtcNow())
                        .WithCronSchedule(definition.DefaultCron(schedules),
                            c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed));
                });
            }
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler");
        return builder;
    }
}

/// <summary>The scheduler runs on its store, and how its schedules stand.</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory factory, Quartz.Extensibility.IExecutionHistoryStore history) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            var schedules = await ScheduleBook.ListAsync(scheduler, history, cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["status"] = scheduler.Status.ToString(),
                ["schedules"] = schedules.Count(s => s.State != "None"),
                ["paused"] = schedules.Where(s => s.State == "Paused").Select(s => s.Name).ToArray(),
                ["failing"] = schedules.Where(s => s.LastResult == "Failed").Select(s => s.Name).ToArray(),
            };
            if (schedules.Where(s => s.NextFireUtc is not null).MinBy(s => s.NextFireUtc) is { } next)
            {
                data["next"] = next.Name;
                data["nextFireUtc"] = next.NextFireUtc!.Value.UtcDateTime;
            }
            if (scheduler.Status != SchedulerStatus.Running)
            {
                return HealthCheckResult.Degraded("scheduler " + scheduler.Status.ToString().ToLowerInvariant(), data: data);
            }
            return schedules.Any(s => s.LastResult == "Failed")
                ? HealthCheckResult.Degraded("a schedule's last run failed", data: data)
                : HealthCheckResult.Healthy("scheduler running", data);
        }
        catch (SchedulerException ex)
        {
            return HealthCheckResult.Unhealthy("scheduler store unreachable", ex);
        }
    }
}
