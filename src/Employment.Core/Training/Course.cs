using System.ComponentModel.DataAnnotations;
using Employment.Core.Domain;
using Employment.Core.Matching;

namespace Employment.Core.Training;

/// <summary>Where a course stands beyond the contract: imported courses are open; an employer's order waits for review.</summary>
public enum CourseStatus { Open, InReview, Rejected, Cancelled }

public enum EnrollmentStatus { Enrolled, Completed, DroppedOut }

/// <summary>
/// A training course (技能培训) of the interchange contract: what it teaches at which level, when,
/// where, for whom, and for an order-based course (订单培训) the positions promised to completers.
/// </summary>
public sealed class Course
{
    [MaxLength(64)] public required string Id { get; set; }
    [MaxLength(200)] public required string Title { get; set; }
    /// <summary>The training institution (培训机构).</summary>
    [MaxLength(200)] public required string Provider { get; set; }
    public List<SkillLevel> Skills { get; set; } = [];
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public double? HoursPerWeek { get; set; }
    public int Seats { get; set; } = 1;
    /// <summary>Seats taken: the file's count, then one more per enrolment and one less per drop-out.</summary>
    public int Enrolled { get; set; }
    public bool Remote { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    [MaxLength(300)] public string? Address { get; set; }
    [MaxLength(12)] public string? DivisionCode { get; set; }
    public List<string> Accommodations { get; set; } = [];
    public int? MinAge { get; set; }
    public int? MaxAge { get; set; }
    public Education? MinEducation { get; set; }
    /// <summary>Free to registered poor households (政府补贴培训).</summary>
    public bool Subsidized { get; set; }
    /// <summary>Order-based training: the positions whose places are promised to people who complete it.</summary>
    public List<string> ForPositions { get; set; } = [];
    public CourseStatus Status { get; set; } = CourseStatus.Open;
    /// <summary>The employer who asked for an order-based course, when one did.</summary>
    [MaxLength(64)] public string? RequestedBy { get; set; }
    /// <summary>An employer's order as reviewed: why it was turned down (the employer reads it), or the reviewer's note.</summary>
    [MaxLength(1000)] public string? ReviewNote { get; set; }
    /// <summary>Who approved or rejected an employer's order, and when.</summary>
    [MaxLength(100)] public string? ReviewedBy { get; set; }
    public DateTime? ReviewedUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    [ConcurrencyCheck] public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A person's place on a course, from enrolment to completion or drop-out.</summary>
public sealed class CourseEnrollment
{
    public long Id { get; set; }
    [MaxLength(64)] public required string CourseId { get; set; }
    [MaxLength(64)] public required string PersonId { get; set; }
    public EnrollmentStatus Status { get; set; } = EnrollmentStatus.Enrolled;
    public DateTime EnrolledUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }
    /// <summary>The day the course was completed, in the district's calendar (for the outcome figures).</summary>
    public DateOnly? CompletedOn { get; set; }
    [MaxLength(100)] public required string ByUser { get; set; }
    [MaxLength(500)] public string? Note { get; set; }
}

/// <summary>
/// "I'm interested" in a course, pressed by a signed-in person at a kiosk: a lead for the person's
/// counselor beside the positions' leads. Enrolling the person on the course closes it.
/// </summary>
public sealed class CourseLead : Placement.IKioskLead
{
    public long Id { get; set; }
    [MaxLength(64)] public required string PersonId { get; set; }
    [MaxLength(64)] public required string CourseId { get; set; }
    public Placement.LeadStatus Status { get; set; } = Placement.LeadStatus.New;
    public DateTime CreatedUtc { get; set; }
    public DateTime? HandledUtc { get; set; }
    [MaxLength(256)] public string? HandledBy { get; set; }
    /// <summary>As <see cref="Placement.Lead.FallbackDistrict"/>: the district whose counselors take it when no counselor covers the street.</summary>
    [MaxLength(12)] public string? FallbackDistrict { get; set; }
}
