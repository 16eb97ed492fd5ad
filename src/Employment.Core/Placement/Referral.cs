using System.ComponentModel.DataAnnotations;
using Employment.Core.Domain;

namespace Employment.Core.Placement;

public enum ReferralStatus { Proposed, Sent, Interview, Hired, Rejected, Withdrawn, Expired }

/// <summary>How a placement came about: the figures count placements by channel.</summary>
public enum PlacementChannel { Referral, Fair, Kiosk }

/// <summary>A referral (推荐) of a person to a position, with the person's consent.</summary>
public sealed class Referral
{
    public static readonly Lifecycle<ReferralStatus> Lifecycle = new("referral",
        (ReferralStatus.Proposed, [ReferralStatus.Sent, ReferralStatus.Withdrawn]),
        (ReferralStatus.Sent, [ReferralStatus.Interview, ReferralStatus.Hired, ReferralStatus.Rejected, ReferralStatus.Withdrawn, ReferralStatus.Expired]),
        (ReferralStatus.Interview, [ReferralStatus.Hired, ReferralStatus.Rejected, ReferralStatus.Withdrawn, ReferralStatus.Expired]));

    /// <summary>The states in which a referral still waits on the employer (and holds the person).</summary>
    public static readonly ReferralStatus[] Pending = [ReferralStatus.Proposed, ReferralStatus.Sent, ReferralStatus.Interview];

    public long Id { get; set; }
    [MaxLength(64)] public required string PersonId { get; set; }
    [MaxLength(64)] public required string PositionId { get; set; }
    public ReferralStatus Status { get; set; } = ReferralStatus.Proposed;
    public PlacementChannel Channel { get; set; } = PlacementChannel.Referral;
    public bool ConsentRecorded { get; set; }
    public DateTime? ConsentUtc { get; set; }
    public double? MatchScore { get; set; }
    public DateTime? InterviewUtc { get; set; }
    /// <summary>The last day the employer has to answer; a scheduled interview moves it on. Null on referrals that never expire (closed ones).</summary>
    public DateOnly? ExpiresOn { get; set; }
    /// <summary>When the employer first answered (interview, hire or rejection): the employer's response figures count from it.</summary>
    public DateTime? RespondedUtc { get; set; }
    public List<ReferralStep> Steps { get; set; } = [];
    [MaxLength(1000)] public string? Note { get; set; }
    [MaxLength(256)] public string? CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    [ConcurrencyCheck] public Guid Version { get; set; } = Guid.NewGuid();

    public void MoveTo(ReferralStatus to, DateTime nowUtc, string? author = null, string? reason = null)
    {
        Lifecycle.EnsureCanMove(Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Status, to);
        // The pipeline's history: every change keeps who made it and why (Proposed → Sent at creation included).
        Steps.Add(new ReferralStep { From = Status, To = to, AtUtc = nowUtc, Author = author, Reason = reason });
        if (RespondedUtc is null && to is ReferralStatus.Interview or ReferralStatus.Hired or ReferralStatus.Rejected)
        {
            RespondedUtc = nowUtc;
        }
        if (!Pending.Contains(to))
        {
            ExpiresOn = null;
        }
        Status = to;
        UpdatedUtc = nowUtc;
        Version = Guid.NewGuid();
    }
}

/// <summary>One change of a referral's state, with its author and reason: the pipeline's history on the person page.</summary>
public sealed class ReferralStep
{
    public long Id { get; set; }
    public long ReferralId { get; set; }
    public ReferralStatus From { get; set; }
    public ReferralStatus To { get; set; }
    public DateTime AtUtc { get; set; }
    /// <summary>The account that made the change; null for the program's own schedules (expiry).</summary>
    [MaxLength(256)] public string? Author { get; set; }
    [MaxLength(1000)] public string? Reason { get; set; }
}

public enum PlacementStatus { Active, Ended, Stable }

/// <summary>A person in work through the program (安置/就业), followed up at 1, 3 and 6 months.</summary>
public sealed class Placement
{
    public static readonly Lifecycle<PlacementStatus> Lifecycle = new("placement",
        (PlacementStatus.Active, [PlacementStatus.Ended, PlacementStatus.Stable]),
        (PlacementStatus.Stable, [PlacementStatus.Ended]));

    public static readonly int[] FollowUpMonths = [1, 3, 6];

    public long Id { get; set; }
    [MaxLength(64)] public required string PersonId { get; set; }
    [MaxLength(64)] public required string PositionId { get; set; }
    public long? ReferralId { get; set; }
    [MaxLength(64)] public string? HouseholdId { get; set; }
    /// <summary>The household's category when the placement began: the figures count by it.</summary>
    public Domain.HouseholdCategory? HouseholdCategory { get; set; }
    public bool PublicWelfare { get; set; }
    public PlacementChannel Channel { get; set; }
    public decimal MonthlyWage { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public PlacementStatus Status { get; set; } = PlacementStatus.Active;
    [MaxLength(1000)] public string? EndedReason { get; set; }
    /// <summary>The subsidy a public-welfare place is paid per month (the post's, when the placement began); null elsewhere.</summary>
    public decimal? MonthlySubsidy { get; set; }
    /// <summary>The last day of a public-welfare placement's term (出一进一): the place then goes to the next household.</summary>
    public DateOnly? TermEndsOn { get; set; }
    /// <summary>How often the term was renewed.</summary>
    public int Renewals { get; set; }
    [MaxLength(256)] public string? CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
    public List<FollowUp> FollowUps { get; set; } = [];
}

/// <summary>A follow-up visit (回头看) after a placement.</summary>
public sealed class FollowUp
{
    public long Id { get; set; }
    public long PlacementId { get; set; }
    public Placement? Placement { get; set; }
    public int MonthsAfter { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTime? DoneUtc { get; set; }
    public bool? StillEmployed { get; set; }
    public decimal? MonthlyWage { get; set; }
    [MaxLength(1000)] public string? Note { get; set; }
    [MaxLength(256)] public string? DoneBy { get; set; }
    /// <summary>When the daily job escalated it as overdue (once); null while it is not.</summary>
    public DateTime? EscalatedUtc { get; set; }
}
