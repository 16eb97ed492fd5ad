using System.ComponentModel.DataAnnotations;
using Quartz;

namespace Employment.Core.Scheduling;

/// <summary>
/// The schedules (configuration section <c>Schedules</c>). The cron expressions are the first
/// schedules only: once a trigger is stored, the stored one wins at every start, so an admin's
/// change on the Schedules page survives restarts and a changed default does not overwrite it.
/// </summary>
public sealed class ScheduleOptions : IValidatableObject
{
    public const string Section = "Schedules";

    /// <summary>The zone every cron expression is read in: the district's.</summary>
    [Required] public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>The fair day: 09:00 on the second Saturday of each quarter's first month.</summary>
    [Required] public string FairCron { get; set; } = "0 0 9 ? 1,4,7,10 7#2";

    /// <summary>How many days before the fair it is created, employers invited and the plan computed.</summary>
    [Range(0, 60)] public int FairLeadDays { get; set; } = 14;

    /// <summary>When the daily check for a fair coming up runs.</summary>
    [Required] public string FairPrepareCron { get; set; } = "0 0 6 * * ?";

    [Required] public string FollowUpsCron { get; set; } = "0 0 7 * * ?";

    /// <summary>A follow-up this many days past its due date is overdue and escalated.</summary>
    [Range(1, 365)] public int FollowUpOverdueDays { get; set; } = 14;

    [Required] public string ExpiryCron { get; set; } = "0 0 1 * * ?";

    [Required] public string IndexCheckCron { get; set; } = "0 30 2 * * ?";

    /// <summary>When referrals the employer left unanswered expire (daily, before the counselors' day starts).</summary>
    [Required] public string ReferralExpiryCron { get; set; } = "0 15 1 * * ?";

    /// <summary>How often new and changed positions are checked for the people whose top matches they enter.</summary>
    [Required] public string MatchAlertsCron { get; set; } = "0 0/5 * * * ?";

    /// <summary>When the persons whose retention ended (Privacy:RetentionYears after the incentive period) are erased.</summary>
    [Required] public string RetentionCron { get; set; } = "0 45 3 * * ?";

    /// <summary>How long the scheduler sleeps when nothing is due: also how soon it sees a CLI change.</summary>
    [Range(1, 300)] public int IdleWaitSeconds { get; set; } = 10;

    /// <summary>
    /// On PostgreSQL (a cluster of nodes): how often a node records that it is alive. A node silent
    /// for twice this long is taken as dead and its jobs that request recovery run on another node.
    /// </summary>
    [Range(1, 300)] public int ClusterCheckinSeconds { get; set; } = 7;

    /// <summary>
    /// For failover drills only (default 0): every job waits this long after it starts, before its
    /// work, so an operator can kill the node mid-job and watch another node recover it.
    /// </summary>
    [Range(0, 3600)] public int DrillHoldSeconds { get; set; }

    public FairPlanOptions Plan { get; set; } = new();

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Schedules:TimeZone: unknown time zone '{TimeZone}'", [nameof(TimeZone)]);
        }
        foreach (var (name, cron) in new[] { (nameof(FairCron), FairCron), (nameof(FairPrepareCron), FairPrepareCron),
                     (nameof(FollowUpsCron), FollowUpsCron), (nameof(ExpiryCron), ExpiryCron), (nameof(IndexCheckCron), IndexCheckCron),
                     (nameof(ReferralExpiryCron), ReferralExpiryCron), (nameof(MatchAlertsCron), MatchAlertsCron),
                     (nameof(RetentionCron), RetentionCron) })
        {
            if (ScheduleBook.CronError(cron) is { } error)
            {
                yield return new ValidationResult($"Schedules:{name}: {error}", [name]);
            }
        }
        foreach (var result in Plan.Validate())
        {
            yield return result;
        }
    }
}

/// <summary>How the fair's placement plan weighs household priority and how many candidates it considers.</summary>
public sealed class FairPlanOptions
{
    /// <summary>Positions per person taken from the matching engine as the plan's candidate pairs.</summary>
    public int CandidatesPerPerson { get; set; } = 10;

    /// <summary>Added to the weight 1 of a person from a zero-employment household (零就业家庭).</summary>
    public double ZeroEmploymentWeight { get; set; } = 0.5;

    /// <summary>Added for a 低保 household.</summary>
    public double DibaoWeight { get; set; } = 0.3;

    /// <summary>Added for a 特困 household.</summary>
    public double ExtremeWeight { get; set; } = 0.5;

    /// <summary>
    /// The quality floor: a pair the engine scores below this is never planned, however many places
    /// are left, so nobody is sent to a fair to meet a job they cannot do just to fill a table
    /// (a road cleaner to 手工编织 at 0.28). Such a person is listed as having no suitable place yet.
    /// </summary>
    public double MinScore { get; set; } = 0.4;

    public IEnumerable<ValidationResult> Validate()
    {
        if (CandidatesPerPerson is < 1 or > 100)
        {
            yield return new ValidationResult("Schedules:Plan:CandidatesPerPerson must be between 1 and 100", [nameof(CandidatesPerPerson)]);
        }
        if (ZeroEmploymentWeight < 0 || DibaoWeight < 0 || ExtremeWeight < 0)
        {
            yield return new ValidationResult("Schedules:Plan: priority weights cannot be negative", [nameof(ZeroEmploymentWeight)]);
        }
        if (double.IsNaN(MinScore) || MinScore < 0 || MinScore >= 1)
        {
            yield return new ValidationResult("Schedules:Plan:MinScore must be at least 0 and below 1", [nameof(MinScore)]);
        }
    }

    public double WeightOf(Domain.HouseholdCategory? category, bool zeroEmployment) =>
        1.0 + (zeroEmployment ? ZeroEmploymentWeight : 0)
            + category switch
            {
                Domain.HouseholdCategory.Dibao => DibaoWeight,
                Domain.HouseholdCategory.Extreme => ExtremeWeight,
                _ => 0,
            };
}
