using System.ComponentModel.DataAnnotations;

namespace Employment.Core.Placement;

public enum LeadStatus { New, Contacted, Referred, Closed }

/// <summary>
/// "I'm interested", pressed by a signed-in person at a kiosk: it reaches the person's counselor
/// as a lead in the caseload, and a referral made from it counts as a kiosk placement.
/// </summary>
public sealed class Lead : IKioskLead
{
    public long Id { get; set; }
    [MaxLength(64)] public required string PersonId { get; set; }
    [MaxLength(64)] public required string PositionId { get; set; }
    public LeadStatus Status { get; set; } = LeadStatus.New;
    public DateTime CreatedUtc { get; set; }
    public DateTime? HandledUtc { get; set; }
    [MaxLength(256)] public string? HandledBy { get; set; }
    [MaxLength(1000)] public string? Note { get; set; }
    public long? ReferralId { get; set; }
    /// <summary>
    /// Set when no counselor covered the person's street at the press: the district whose counselors
    /// take the lead instead (<see cref="Counseling.LeadRouting"/>). Null when the area's own
    /// counselors take it, or nobody in the district works and the administrators do.
    /// </summary>
    [MaxLength(12)] public string? FallbackDistrict { get; set; }
}

/// <summary>What every kiosk lead (a position's, a course's) carries for routing: whose it is, and the district it fell back to.</summary>
public interface IKioskLead
{
    string PersonId { get; }
    string? FallbackDistrict { get; }
}

/// <summary>An employer invited to a quarterly fair because it had open positions when the fair was created.</summary>
public sealed class JobFairInvitation
{
    public long Id { get; set; }
    public long JobFairId { get; set; }
    [MaxLength(64)] public required string EmployerId { get; set; }
    public int OpenPlaces { get; set; }
    public DateTime InvitedUtc { get; set; }
    public bool? Attended { get; set; }
}
