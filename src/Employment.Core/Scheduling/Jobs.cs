using Employment.Core.Placement;
using Employment.Core.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Employment.Core.Scheduling;

// The jobs are thin: each asks a Core class for the work and turns what it did into the run report
// the execution history keeps (the "last result" of the Schedules page). A failure is logged and
// reported, never thrown at the scheduler. They live in Core, beside the work, so that the CLI's
// scheduler over the same store can load every stored job's type.

/// <summary>
/// What a run says to people, as a code and the metrics it reads (in this order): the one list the
/// Schedules page formats a run's last result from, in the reader's language.
/// </summary>
public static class RunSay
{
    public const string Metric = "say";
    /// <summary>A running job's progress message: a code too, which the page says as "Progress_" + code.</summary>
    public const string ProgressMatching = "matching";
    public const string Failed = "failed";
    public const string FairHeld = "fairHeld";
    public const string NoFairSchedule = "noFairSchedule";
    public const string FairPaused = "fairPaused";
    public const string FairNeverAgain = "fairNeverAgain";
    public const string FairNotYet = "fairNotYet";
    public const string FairPlanned = "fairPlanned";
    public const string FairAlready = "fairAlready";
    public const string FollowUps = "followUps";
    public const string PositionsExpired = "positionsExpired";
    public const string IndexChecked = "indexChecked";
    public const string ReferralsExpired = "referralsExpired";
    public const string MatchAlerts = "matchAlerts";
    public const string Retention = "retention";

    public static readonly IReadOnlyDictionary<string, string[]> Arguments = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Failed] = [],
        [FairHeld] = ["quarter", "heldOn"],
        [NoFairSchedule] = [],
        [FairPaused] = [],
        [FairNeverAgain] = [],
        [FairNotYet] = ["heldOn", "daysAhead", "leadDays"],
        [FairPlanned] = ["quarter", "heldOn", "assignments", "seekers", "invitations"],
        [FairAlready] = ["quarter"],
        [FollowUps] = ["due", "overdue", "escalated"],
        [PositionsExpired] = ["expired"],
        [IndexChecked] = ["repaired"],
        [ReferralsExpired] = ["expired"],
        [MatchAlerts] = ["alerts"],
        [Retention] = ["erased"],
    };
}

internal static class JobRun
{
    public static async ValueTask RunAsync(IJobExecutionContext context, ILogger logger, Func<CancellationToken, Task<JobRunReport>> work)
    {
        var name = context.JobDetail.Key.Name;
        try
        {
            var report = await work(context.CancellationToken);
            context.Result = report;
            logger.LogInformation("Schedule {Schedule}: {Summary}", name, report.Summary);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Schedule {Schedule} failed", name);
            context.Result = JobRunReport.Failed(ex.GetType().Name + ": " + ex.Message).Says(RunSay.Failed);
        }
    }

    /// <summary>
    /// The report with what it says for people: a code (metric <c>say</c>) the Schedules page turns into
    /// a sentence in the reader's language from the report's other metrics. The summary stays the
    /// operator's English line, for the log and the CLI.
    /// </summary>
    public static JobRunReport Says(this JobRunReport report, string code) => report.With(RunSay.Metric, code);

    /// <summary>A day among the metrics, as the page reads it back (yyyy-MM-dd).</summary>
    public static JobRunReport WithDay(this JobRunReport report, string key, DateOnly day) =>
        report.With(key, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The district's calendar day of an instant.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) => Domain.DistrictClock.DayIn(instant, zone);
}

/// <summary>The fair's day: marks the quarter's fair held (preparing it first if the lead time was missed).</summary>
[DisallowConcurrentExecution]
public sealed class FairDayJob(JobFairPlanning fairs, IOptions<ScheduleOptions> options, ILogger<FairDayJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobRun.RunAsync(context, logger, async ct =>
        {
            var zone = options.Value.Zone;
            var now = context.Scheduler.TimeProvider.GetUtcNow();
            // After a misfire the firing happens at start, not on the day; the fair belongs to the
            // latest day the schedule named, which is the one that was missed.
            var cron = (await context.Scheduler.GetTrigger(new TriggerKey(ScheduleBook.Fair), ct) as ICronTrigger)?.CronExpressionString
                ?? options.Value.FairCron;
            var day = ScheduleBook.LatestOccurrence(cron, zone, now) is { } latest ? JobRun.DayOf(latest, zone) : JobRun.DayOf(now, zone);
            var fair = await fairs.MarkHeldAsync(day, ct);
            return JobRunReport.Succeeded($"fair {fair.Quarter} held on {fair.HeldOn:yyyy-MM-dd}: {fair.Status}")
                .With("quarter", fair.Quarter).With("assignments", fair.Assignments.Count)
                .WithDay("heldOn", fair.HeldOn).Says(RunSay.FairHeld);
        });
}

/// <summary>
/// Daily: when the next fair day is within the lead time, creates the fair, invites the employers
/// and computes the placement plan (once per quarter). Follows the fair's schedule, paused included.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FairPrepareJob(JobFairPlanning fairs, IOptions<ScheduleOptions> options, ILogger<FairPrepareJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobRun.RunAsync(context, logger, async ct =>
        {
            var zone = options.Value.Zone;
            var key = new TriggerKey(ScheduleBook.Fair);
            if (await context.Scheduler.GetTrigger(key, ct) is not ICronTrigger fair)
            {
                return JobRunReport.Skipped("no fair schedule").Says(RunSay.NoFairSchedule);
            }
            if (await context.Scheduler.GetTriggerState(key, ct) == TriggerState.Paused)
            {
                return JobRunReport.Skipped("the fair schedule is paused").Says(RunSay.FairPaused);
            }
            var now = context.Scheduler.TimeProvider.GetUtcNow();
            var today = JobRun.DayOf(now, zone);
            if (ScheduleBook.NextOccurrenceDay(fair.CronExpressionString!, fair.TimeZone, now) is not { } heldOn)
            {
                return JobRunReport.Skipped("the fair schedule never fires again").Says(RunSay.FairNeverAgain);
            }
            var daysAhead = heldOn.DayNumber - today.DayNumber;
            if (daysAhead > options.Value.FairLeadDays)
            {
                return JobRunReport.Skipped($"next fair {heldOn:yyyy-MM-dd} is {daysAhead} days ahead")
                    .WithDay("heldOn", heldOn).With("daysAhead", daysAhead)
                    .With("leadDays", options.Value.FairLeadDays).Says(RunSay.FairNotYet);
            }
            var progress = new Progress<int>(percent => context.ReportProgress(percent, RunSay.ProgressMatching));
            var done = await fairs.PrepareAsync(heldOn, progress, ct);
            return done.Created
                ? JobRunReport.Succeeded($"fair {done.Fair.Quarter} on {heldOn:yyyy-MM-dd} planned: {done.Fair.Assignments.Count} of {done.Seekers} seekers assigned, {done.Invitations} employers invited; plan {done.Fair.PlanValue:0.##} vs greedy {done.Fair.GreedyValue:0.##}")
                    .With("assignments", done.Fair.Assignments.Count).With("planValue", done.Fair.PlanValue ?? 0).With("greedyValue", done.Fair.GreedyValue ?? 0)
                    .With("quarter", done.Fair.Quarter).WithDay("heldOn", heldOn)
                    .With("seekers", done.Seekers).With("invitations", done.Invitations).Says(RunSay.FairPlanned)
                : JobRunReport.Skipped($"fair {done.Fair.Quarter} already {done.Fair.Status}").With("quarter", done.Fair.Quarter).Says(RunSay.FairAlready);
        });
}

/// <summary>Daily: due and overdue follow-ups; the overdue ones are escalated once.</summary>
[DisallowConcurrentExecution]
public sealed class FollowUpsJob(FollowUpQueue queue, ILogger<FollowUpsJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobRun.RunAsync(context, logger, async ct =>
        {
            var (due, overdue, escalated) = await queue.EscalateOverdueAsync(ct);
            return JobRunReport.Succeeded($"{due} follow-ups due, {overdue} overdue, {escalated} escalated now")
                .With("due", due).With("overdue", overdue).With("escalated", escalated).Says(RunSay.FollowUps);
        });
}

/// <summary>Nightly: open positions past their validUntil are expired (and leave the job bank).</summary>
[DisallowConcurrentExecution]
public sealed class PositionExpiryJob(PositionExpiry expiry, ILogger<PositionExpiryJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobRun.RunAsync(context, logger, async ct =>
        {
            var closed = await expiry.CloseExpiredAsync(ct);
            return JobRunReport.Succeeded(closed.Count == 0 ? "no position past its validUntil" : $"{closed.Count} positions expired: {string.Join(", ", closed.Take(20))}")
                .With("expired", closed.Count).Says(RunSay.PositionsExpired);
        });
}

/// <summary>Nightly: both indexes compared with the database, differences repaired.</summary>
[DisallowConcurrentExecution]
public sealed class IndexCheckJob(IndexSynchronizer synchronizer, ILogger<IndexCheckJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobRun.RunAsync(context, logger, async ct =>
        {
            var results = await synchronizer.VerifyAsync(ct);
            var report = JobRunReport.Succeeded(string.Join("; ", results.Select(r =>
                $"{r.Index}: {r.Records} records, {r.Documents} documents, {r.Missing} missing, {r.Extra} extra, {r.Stale} stale")));
            foreach (var r in results)
            {
                report = report.With(r.Index + "Repaired", r.Repaired);
            }
            return report.With("repaired", results.Sum(r => r.Repaired)).Says(RunSay.IndexChecked);
        });
}

/// <summary>Daily: referrals the employer has not answered in time expire, and their people are free again.</summary>
[DisallowConcurrentExecution]
public sealed class ReferralExpiryJob(Counseling.ReferralExpiry expiry, ILogger<ReferralExpiryJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobRun.RunAsync(context, logger, async ct =>
        {
            var expired = await expiry.ExpireOverdueAsync(ct);
            return JobRunReport.Succeeded(expired.Count == 0 ? "no referral past its day" : $"{expired.Count} referrals expired")
                .With("expired", expired.Count).Says(RunSay.ReferralsExpired);
        });
}

/// <summary>Every few minutes: positions added or changed since the last run, and the people whose top matches they entered.</summary>
[DisallowConcurrentExecution]
public sealed class MatchAlertsJob(Counseling.MatchAlerts alerts, ILogger<MatchAlertsJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobRun.RunAsync(context, logger, async ct =>
        {
            var added = await alerts.ScanAsync(ct);
            return JobRunReport.Succeeded(added == 0 ? "no new match" : $"{added} new matches").With("alerts", added).Says(RunSay.MatchAlerts);
        });
}

/// <summary>
/// Daily: members of households whose incentive period ended more than the retention years ago are
/// erased (PIPL art. 47), as an operator's erase would: the row stays for the figures, the data goes.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(Privacy.PersonRights rights, ILogger<RetentionJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobRun.RunAsync(context, logger, async ct =>
        {
            var erased = await rights.EraseRetentionEndedAsync("schedule:" + ScheduleBook.Retention, ct);
            return JobRunReport.Succeeded(erased == 0 ? "nobody past retention" : $"{erased} persons erased").With("erased", erased).Says(RunSay.Retention);
        });
}
