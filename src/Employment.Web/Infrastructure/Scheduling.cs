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
            if (schedules.DrillHoldSeconds > 0)
            {
                q.AddJobListener(sp => new DrillHold(TimeSpan.FromSeconds(schedules.DrillHoldSeconds), sp.GetRequiredService<ILogger<DrillHold>>()),
                    [GroupMatcher<JobKey>.AnyGroup()]);
            }
            foreach (var definition in ScheduleBook.All)
            {
                // RequestRecovery: a run cut short by a dead node (or a crash) runs again, on another
                // node of the cluster or at the next start. The jobs are idempotent: each does what is
                // still due and records it in the same transactions as the work.
                q.AddJob(definition.JobType, j => j.WithIdentity(definition.JobKey).StoreDurably().RequestRecovery());
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

/// <summary>Holds every job at its start for <c>Schedules:DrillHoldSeconds</c>: failover drills kill a node then.</summary>
internal sealed class DrillHold(TimeSpan hold, ILogger<DrillHold> logger) : IJobListener
{
    public string Name => "drill-hold";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("Drill: holding {Job} for {Seconds} s before its work (recovering: {Recovering})",
            context.JobDetail.Key.Name, hold.TotalSeconds, context.Recovering);
        await Task.Delay(hold, cancellationToken);
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;
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
