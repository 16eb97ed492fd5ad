using System.ComponentModel.DataAnnotations;
using Employment.Core.Domain;
using Employment.Core.Matching;

namespace Employment.Core.Households;

public enum PersonStatus { Registered, Seeking, Referred, Interviewing, Placed, Stable, Inactive }

/// <summary>A member of a household in the talent pool. Name, ID number and disability are personal data.</summary>
public sealed class Person
{
    public static readonly Lifecycle<PersonStatus> Lifecycle = new("person",
        (PersonStatus.Registered, [PersonStatus.Seeking, PersonStatus.Inactive]),
        (PersonStatus.Seeking, [PersonStatus.Referred, PersonStatus.Placed, PersonStatus.Inactive]),
        (PersonStatus.Referred, [PersonStatus.Interviewing, PersonStatus.Placed, PersonStatus.Seeking]),
        (PersonStatus.Interviewing, [PersonStatus.Placed, PersonStatus.Referred, PersonStatus.Seeking]),
        (PersonStatus.Placed, [PersonStatus.Stable, PersonStatus.Seeking]),
        (PersonStatus.Stable, [PersonStatus.Seeking]),
        (PersonStatus.Inactive, [PersonStatus.Seeking]));

    [MaxLength(64)] public required string Id { get; set; }
    [MaxLength(64)] public required string HouseholdId { get; set; }
    public Household? Household { get; set; }
    [MaxLength(100)] public required string Name { get; set; }
    /// <summary>Validated (GB 11643) and normalised; never shown unmasked.</summary>
    [MaxLength(18)] public string? IdNumber { get; set; }
    public int Age { get; set; }
    public LaborCapacity LaborCapacity { get; set; } = LaborCapacity.Full;
    public bool Employed { get; set; }
    public Education Education { get; set; }
    public List<SkillLevel> Skills { get; set; } = [];
    public DisabilityType? DisabilityType { get; set; }
    public int? DisabilityGrade { get; set; }
    public List<string> Limits { get; set; } = [];
    public List<string> Needs { get; set; } = [];
    public bool PrefersRemote { get; set; }
    public double MaxCommuteKm { get; set; } = 10;
    public double? MaxHoursPerWeek { get; set; }
    public decimal? DesiredWage { get; set; }
    /// <summary>Null when the person lives at the household's address.</summary>
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    [MaxLength(300)] public string? Address { get; set; }
    [MaxLength(12)] public string? DivisionCode { get; set; }
    [MaxLength(50)] public string? Phone { get; set; }
    /// <summary>Person card number (一人一卡) for kiosk sign-in.</summary>
    [MaxLength(32)] public string? CardNumber { get; set; }
    [MaxLength(200)] public string? PinHash { get; set; }
    public int FailedPinAttempts { get; set; }
    public DateTime? PinLockedUntilUtc { get; set; }
    public PersonStatus Status { get; set; } = PersonStatus.Registered;
    /// <summary>
    /// When the person's identifying data was erased (PIPL art. 47): the row stays so that placements
    /// and the quarter's figures stay right, but it names nobody and leaves the talent pool.
    /// </summary>
    public DateTime? ErasedUtc { get; set; }
    public DateTime RegisteredUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    [ConcurrencyCheck] public Guid Version { get; set; } = Guid.NewGuid();

    public void MoveTo(PersonStatus to, DateTime nowUtc)
    {
        if (to == Status)
        {
            return;
        }
        Lifecycle.EnsureCanMove(Id, Status, to);
        Status = to;
        UpdatedUtc = nowUtc;
    }
}
