using Quartz;
using Quartz.Extensibility;

namespace Employment.Core.Scheduling;

/// <summary>One of the program's schedules: a durable job and its one cron trigger, both named <see cref="Name"/>.</summary>
public sealed record ScheduleDefinition(string Name, Type JobType, Func<ScheduleOptions, string> DefaultCron, bool Editable)
{
    public JobKey JobKey => new(Name);
    public TriggerKey TriggerKey => new(Name);
}

/// <summary>What the admin page and `employment schedules list` show of a schedule.</summary>
public sealed record ScheduleInfo(
    string Name, bool Editable, string? Cron, string? TimeZone, string State,
    DateTimeOffset? NextFireUtc, DateTimeOffset? PreviousFireUtc,
    DateTimeOffset? LastRunUtc, string? LastResult, string? LastSummary, double? LastDurationMs, int RunCount,
    bool Running = false, int? Progress = null, string? ProgressMessage = null)
{
    /// <summary>The last run's metrics as JSON, with what it says to people (<see cref="RunSay"/>); null when none is kept.</summary>
    public string? LastMetricsJson { get; init; }
}

/// <summary>
/// The schedules and what can be done to them: list, pause, resume, run now, and change the fair's
/// cron. The same code serves the web host's running scheduler and the CLI's unstarted one over the
/// same store, so both always agree.
/// </summary>
public static class ScheduleBook
{
    public const string SchedulerName = "employment";
    public const string Fair = "fair";
    public const string FairPrepare = "fair-prepare";
    public const string FollowUps = "follow-ups";
    public const string PositionExpiry = "position-expiry";
    public const string IndexCheck = "index-check";
    public const string ReferralExpiry = "referral-expiry";
    public const string MatchAlerts = "match-alerts";
    public const string Retention = "retention";

    public static readonly IReadOnlyList<ScheduleDefinition> All =
    [
        new(Fair, typeof(FairDayJob), o => o.FairCron, Editable: true),
        new(FairPrepare, typeof(FairPrepareJob), o => o.FairPrepareCron, Editable: false),
        new(FollowUps, typeof(FollowUpsJob), o => o.FollowUpsCron, Editable: false),
        new(PositionExpiry, typeof(PositionExpiryJob), o => o.ExpiryCron, Editable: false),
        new(IndexCheck, typeof(IndexCheckJob), o => o.IndexCheckCron, Editable: false),
        new(ReferralExpiry, typeof(ReferralExpiryJob), o => o.ReferralExpiryCron, Editable: false),
        new(MatchAlerts, typeof(MatchAlertsJob), o => o.MatchAlertsCron, Editable: false),
        new(Retention, typeof(RetentionJob), o => o.RetentionCron, Editable: false),
    ];

    public static ScheduleDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>Why a cron expression cannot be a schedule, or null when it can.</summary>
    public static string? CronError(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return "a cron expression is required";
        }
        if (!CronExpression.TryParse(cron.Trim(), out var expression) || expression is null)
        {
            return $"'{cron}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year])";
        }
        if (expression.GetNextValidTimeAfter(DateTimeOffset.UtcNow) is null)
        {
            return $"'{cron}' never fires again";
        }
        return null;
    }

    /// <summary>
    /// The trigger of a schedule. A missed firing (the server was down) runs once when the scheduler
    /// next starts, then the schedule goes on: FireAndProceed.
    /// </summary>
    public static ITrigger BuildTrigger(ScheduleDefinition definition, string cron, TimeZoneInfo zone, DateTimeOffset startAt) =>
        TriggerBuilder.Create()
            .WithIdentity(definition.TriggerKey)
            .ForJob(definition.JobKey)
            .StartAt(startAt)
            .WithCronSchedule(cron.Trim(), c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();

    public static async Task<IReadOnlyList<ScheduleInfo>> ListAsync(IScheduler scheduler, IExecutionHistoryStore? history, CancellationToken ct = default)
    {
        var result = new List<ScheduleInfo>();
        var firing = new Dictionary<JobKey, FireInstance>();
        try
        {
            foreach (var instance in (await scheduler.QueryFireInstances(new FireInstanceQuery(), ct)).Items)
            {
                if (instance.JobKey is { } job)
                {
                    firing[job] = instance;
                }
            }
        }
        catch (Exception ex) when (ex is NotSupportedException or SchedulerException)
        {
            // A scheduler that keeps no fire instances (or one not started, as the CLI's): nothing shown as running.
        }
        foreach (var definition in All)
        {
            var trigger = await scheduler.GetTrigger(definition.TriggerKey, ct);
            var state = trigger is null ? "None" : (await scheduler.GetTriggerState(definition.TriggerKey, ct)).ToString();
            JobRunStatus? status = null;
            if (history is not null)
            {
                try
                {
                    status = await history.GetJobRunStatus(scheduler.SchedulerName, definition.JobKey, ct);
                }
                catch (NotSupportedException)
                {
                    // A store without run statuses: the page shows the trigger's own fire times only.
                }
            }
            string? metrics = null;
            if (history is not null && status?.LastEntryId is { } entryId)
            {
                try
                {
                    metrics = (await history.GetExecution(scheduler.SchedulerName, entryId.ToString()!, ct))?.MetricsJson;
                }
                catch (NotSupportedException)
                {
                    // A store that cannot read one run back: the page shows the summary line as it is.
                }
            }
            var cron = trigger as ICronTrigger;
            result.Add(new ScheduleInfo(definition.Name, definition.Editable, cron?.CronExpressionString, cron?.TimeZone.Id, state,
                trigger?.NextFireTimeUtc, trigger?.PreviousFireTimeUtc,
                status?.LastFiredAtUtc, status?.LastResult.ToString(), status?.LastSummary,
                status?.LastDuration is { } d ? Math.Round(d.TotalMilliseconds, 1) : null, (int)(status?.RunCount ?? 0),
                firing.TryGetValue(definition.JobKey, out var running) && running.State == FireInstanceState.Executing,
                running?.Progress, running?.ProgressMessage) { LastMetricsJson = metrics });
        }
        return result;
    }

    public static async Task<bool> PauseAsync(IScheduler scheduler, string name, CancellationToken ct = default) =>
        Find(name) is { } d && await scheduler.Exists(d.TriggerKey, ct) && await scheduler.PauseTrigger(d.TriggerKey, ct);

    public static async Task<bool> ResumeAsync(IScheduler scheduler, string name, CancellationToken ct = default) =>
        Find(name) is { } d && await scheduler.Exists(d.TriggerKey, ct) && await scheduler.ResumeTrigger(d.TriggerKey, ct);

    /// <summary>Queues one run now, beside the schedule (which goes on as it was).</summary>
    public static async Task<bool> RunNowAsync(IScheduler scheduler, string name, CancellationToken ct = default)
    {
        if (Find(name) is not { } d || !await scheduler.Exists(d.JobKey, ct))
        {
            return false;
        }
        await scheduler.TriggerJob(d.JobKey, new JobDataMap(), ct);
        return true;
    }

    /// <summary>
    /// Replaces an editable schedule's stored trigger with one on <paramref name="cron"/> (in the
    /// stored trigger's zone, else <paramref name="zone"/>); a paused schedule stays paused.
    /// Returns the next fire time.
    /// </summary>
    public static async Task<DateTimeOffset?> RescheduleAsync(IScheduler scheduler, string name, string cron, TimeZoneInfo zone, CancellationToken ct = default)
    {
        var definition = Find(name) ?? throw new ArgumentException($"no schedule '{name}'", nameof(name));
        if (!definition.Editable)
        {
            throw new ArgumentException($"schedule '{name}' cannot be changed", nameof(name));
        }
        if (CronError(cron) is { } error)
        {
            throw new ArgumentException(error, nameof(cron));
        }
        var old = await scheduler.GetTrigger(definition.TriggerKey, ct) as ICronTrigger;
        // The stored trigger's zone wins: it is the one the schedule has been running in.
        zone = old?.TimeZone ?? zone;
        var paused = old is not null && await scheduler.GetTriggerState(definition.TriggerKey, ct) == TriggerState.Paused;
        var trigger = BuildTrigger(definition, cron, zone, scheduler.TimeProvider.GetUtcNow());
        var next = old is null
            ? await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), ct)
            : await scheduler.RescheduleJob(definition.TriggerKey, trigger, ct);
        if (paused)
        {
            await scheduler.PauseTrigger(definition.TriggerKey, ct);
        }
        return next;
    }

    /// <summary>
    /// The day (in <paramref name="zone"/>) of the next time <paramref name="cron"/> fires from the start
    /// of the day of <paramref name="now"/>, so an occurrence later today still counts as coming; null when it never fires again.
    /// </summary>
    public static DateOnly? NextOccurrenceDay(string cron, TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = Domain.DistrictClock.DayIn(now, zone);
        var midnight = today.ToDateTime(TimeOnly.MinValue);
        var startOfToday = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        return new CronExpression(cron, zone).GetNextValidTimeAfter(startOfToday.AddSeconds(-1)) is { } next
            ? Domain.DistrictClock.DayIn(next, zone)
            : null;
    }

    /// <summary>The next fair's day by the stored <c>fair</c> trigger (an admin's change included), else the configured cron.</summary>
    public static async Task<DateOnly?> NextFairDayAsync(IScheduler scheduler, ScheduleOptions options, DateTimeOffset now, CancellationToken ct = default)
    {
        var trigger = await scheduler.GetTrigger(new TriggerKey(Fair), ct) as ICronTrigger;
        return NextOccurrenceDay(trigger?.CronExpressionString ?? options.FairCron, trigger?.TimeZone ?? options.Zone, now);
    }

    /// <summary>The latest time the cron fired at or before <paramref name="at"/>, looking back at most a year.</summary>
    public static DateTimeOffset? LatestOccurrence(string cron, TimeZoneInfo zone, DateTimeOffset at)
    {
        var expression = new CronExpression(cron, zone);
        DateTimeOffset? latest = null;
        var cursor = at.AddYears(-1);
        for (var i = 0; i < 10_000; i++)
        {
            var next = expression.GetNextValidTimeAfter(cursor);
            if (next is null || next > at)
            {
                break;
            }
            latest = next;
            cursor = next.Value;
        }
        return latest;
    }
}
