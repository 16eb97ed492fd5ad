using System.ComponentModel.DataAnnotations;
using Employment.Core.Domain;

namespace Employment.Core.Positions;

public enum PositionStatus { Draft, InReview, Open, Filled, Expired, Closed, Rejected }

public enum EmployerStatus { Pending, Approved, Rejected, Suspended }

public sealed class Employer
{
    [MaxLength(64)] public required string Id { get; set; }
    [MaxLength(200)] public required string Name { get; set; }
    public bool PublicSector { get; set; }
    public EmployerStatus Status { get; set; } = EmployerStatus.Approved;
    [MaxLength(100)] public string? ContactName { get; set; }
    [MaxLength(50)] public string? ContactPhone { get; set; }
    [MaxLength(300)] public string? Address { get; set; }
    /// <summary>统一社会信用代码 (GB 32100-2015), checked by <see cref="Employers.CreditCode"/>; required of self-registration.</summary>
    [MaxLength(18)] public string? CreditCode { get; set; }
    /// <summary>
    /// When a reviewer approved the registration. Imported employers are Approved without it: they are
    /// on the district's list, but nobody here has verified them, so they are not called "verified".
    /// </summary>
    public DateTime? VerifiedUtc { get; set; }
    [MaxLength(100)] public string? VerifiedBy { get; set; }
    /// <summary>
    /// Who a person at a kiosk may call about the employer's positions. Shown there only while
    /// <see cref="PublicContactConsentUtc"/> is set (the employer ticked "同意在自助终端公开");
    /// <see cref="ContactPhone"/> is the reviewer's line and never reaches a kiosk.
    /// </summary>
    [MaxLength(100)] public string? PublicContactName { get; set; }
    [MaxLength(50)] public string? PublicContactPhone { get; set; }
    /// <summary>When the employer agreed to show the public contact at kiosks; null: not shown.</summary>
    public DateTime? PublicContactConsentUtc { get; set; }
    /// <summary>Why a reviewer turned the registration down, for the employer's own waiting page.</summary>
    [MaxLength(1000)] public string? RejectionReason { get; set; }
    /// <summary>The status as a reader should take it: "Listed" for an approved employer no reviewer verified.</summary>
    public string StatusLabel => Status == EmployerStatus.Approved && VerifiedUtc is null ? "Listed" : Status.ToString();
    public DateTime CreatedUtc { get; set; }
    public List<Position> Positions { get; set; } = [];
}

/// <summary>A position in the job bank: every field of the interchange contract plus its review life.</summary>
public sealed class Position
{
    public static readonly Lifecycle<PositionStatus> Lifecycle = new("position",
        (PositionStatus.Draft, [PositionStatus.InReview, PositionStatus.Closed]),
        (PositionStatus.InReview, [PositionStatus.Open, PositionStatus.Rejected, PositionStatus.Draft]),
        (PositionStatus.Rejected, [PositionStatus.Draft, PositionStatus.InReview, PositionStatus.Closed]),
        (PositionStatus.Open, [PositionStatus.Filled, PositionStatus.Expired, PositionStatus.Closed, PositionStatus.InReview]),
        (PositionStatus.Filled, [PositionStatus.Open, PositionStatus.Closed]),
        (PositionStatus.Expired, [PositionStatus.Open, PositionStatus.Closed]),
        (PositionStatus.Closed, [PositionStatus.Open]));

    [MaxLength(64)] public required string Id { get; set; }
    [MaxLength(200)] public required string Title { get; set; }
    [MaxLength(64)] public required string EmployerId { get; set; }
    public Employer? Employer { get; set; }
    [MaxLength(4000)] public string? Description { get; set; }
    public bool PublicWelfare { get; set; }
    public int Headcount { get; set; } = 1;
    public int Filled { get; set; }
    public decimal MonthlyWage { get; set; }
    public double HoursPerWeek { get; set; } = 40;
    public bool Remote { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    [MaxLength(300)] public string? Address { get; set; }
    [MaxLength(12)] public string? DivisionCode { get; set; }
    public List<string> RequiredSkills { get; set; } = [];
    public List<string> PreferredSkills { get; set; } = [];
    public List<string> Accommodations { get; set; } = [];
    public List<string> Demands { get; set; } = [];
    public int? MinAge { get; set; }
    public int? MaxAge { get; set; }
    public Education? MinEducation { get; set; }
    public DateOnly? ValidUntil { get; set; }
    /// <summary>A public-welfare post's funding: the monthly subsidy paid per place taken (CNY), null when unfunded.</summary>
    public decimal? MonthlySubsidy { get; set; }
    /// <summary>Who pays the subsidy (e.g. 区人社局就业专项资金).</summary>
    [MaxLength(200)] public string? FundingBody { get; set; }
    /// <summary>The last day the funding covers; placements are not subsidised past it.</summary>
    public DateOnly? FundedUntil { get; set; }
    public PositionStatus Status { get; set; } = PositionStatus.Draft;
    public DateTime CreatedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    /// <summary>Regenerated on every update: SQLite has no row version (tech-notes §6).</summary>
    [ConcurrencyCheck] public Guid Version { get; set; } = Guid.NewGuid();
    public List<PositionStatusChange> History { get; set; } = [];

    public int OpenPlaces => Math.Max(0, Headcount - Filled);

    /// <summary>Moves through the lifecycle and writes the history row; the only way status changes.</summary>
    public PositionStatusChange MoveTo(PositionStatus to, string? byUser, string? note, DateTime nowUtc)
    {
        Lifecycle.EnsureCanMove(Id, Status, to);
        var change = new PositionStatusChange
        {
            PositionId = Id,
            From = Status,
            To = to,
            ByUser = byUser,
            Note = note,
            AtUtc = nowUtc,
        };
        if (to == PositionStatus.Open && PublishedUtc is null)
        {
            PublishedUtc = nowUtc;
        }
        Status = to;
        UpdatedUtc = nowUtc;
        History.Add(change);
        return change;
    }
}

/// <summary>One step of a position's review and life, with who did it and why.</summary>
public sealed class PositionStatusChange
{
    public long Id { get; set; }
    [MaxLength(64)] public required string PositionId { get; set; }
    public PositionStatus From { get; set; }
    public PositionStatus To { get; set; }
    [MaxLength(256)] public string? ByUser { get; set; }
    [MaxLength(1000)] public string? Note { get; set; }
    public DateTime AtUtc { get; set; }
}
