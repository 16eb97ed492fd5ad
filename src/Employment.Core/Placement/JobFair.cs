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
