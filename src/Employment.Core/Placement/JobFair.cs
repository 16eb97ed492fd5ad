using System.ComponentModel.DataAnnotations;

namespace Employment.Core.Placement;

public enum JobFairStatus { Scheduled, Planned, Held, Closed }

/// <summary>The quarterly job fair (送岗位招聘会) and its placement plan.</summary>
public sealed class JobFair
{
    public long Id { get; set; }
    /// <summary>e.g. 2026Q4; one fair per quarter.</summary>
    [MaxLength(8)] public required string Quarter { get; set; }
    public DateOnly HeldOn { get; set; }
    [MaxLength(300)] public string? Venue { get; set; }
    public JobFairStatus Status { get; set; } = JobFairStatus.Scheduled;
    public double? PlanValue { get; set; }
    public double? GreedyValue { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? PlannedUtc { get; set; }
    public DateTime? HeldUtc { get; set; }
    public List<JobFairAssignment> Assignments { get; set; } = [];
    public List<JobFairInvitation> Invitations { get; set; } = [];
    /// <summary>The seekers the plan left without a place, and why.</summary>
    public List<JobFairUnplaced> Unplaced { get; set; } = [];
    /// <summary>The quality floor the plan was made with (<c>Schedules:Plan:MinScore</c>).</summary>
    public double? MinScore { get; set; }
}

public enum UnplacedReason
{
    /// <summary>No open position scores at or above the quality floor: 暂无合适岗位.</summary>
    NoSuitablePosition,
    /// <summary>Suitable positions exist, but their places went to people the plan placed better.</summary>
    PlacesTaken,
}

/// <summary>A seeker the fair's plan did not place: listed so the counselor follows them up another way.</summary>
public sealed class JobFairUnplaced
{
    public long Id { get; set; }
    public long JobFairId { get; set; }
    [MaxLength(64)] public required string PersonId { get; set; }
    [MaxLength(12)] public string? DivisionCode { get; set; }
    public UnplacedReason Reason { get; set; }
    /// <summary>The best score any open position reached for the person (null: the engine found none).</summary>
    public double? BestScore { get; set; }
}

/// <summary>One line of a fair's placement plan: this person is invited to meet this position.</summary>
public sealed class JobFairAssignment
{
    public long Id { get; set; }
    public long JobFairId { get; set; }
    [MaxLength(64)] public required string PersonId { get; set; }
    [MaxLength(64)] public required string PositionId { get; set; }
    public double Score { get; set; }
    /// <summary>The person's street or community, for the per-street invitation lists.</summary>
    [MaxLength(12)] public string? DivisionCode { get; set; }
    public bool? Attended { get; set; }
    public bool? Hired { get; set; }
    [MaxLength(500)] public string? Outcome { get; set; }
}
