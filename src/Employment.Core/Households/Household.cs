using System.ComponentModel.DataAnnotations;
using Employment.Core.Domain;

namespace Employment.Core.Households;

public enum ExitStatus { None, Candidate, Exited }

/// <summary>A registered poor household: the family side of the talent pool and its four-clear ledger.</summary>
public sealed class Household
{
    [MaxLength(64)] public required string Id { get; set; }
    public HouseholdCategory? Category { get; set; }
    public int Size { get; set; } = 1;
    public decimal MonthlyIncome { get; set; }
    public List<PovertyCause> Causes { get; set; } = [];
    public double Lat { get; set; }
    public double Lon { get; set; }
    [MaxLength(300)] public string? Address { get; set; }
    /// <summary>The street (or community) code: what a counselor's area is matched against.</summary>
    [MaxLength(12)] public string? DivisionCode { get; set; }
    public ExitStatus ExitStatus { get; set; }
    public DateTime? ExitedUtc { get; set; }
    /// <summary>When the household last became an exit candidate (income per head passed the lines).</summary>
    public DateTime? ExitCandidateSinceUtc { get; set; }
    /// <summary>
    /// When that candidacy ended without an exit (the income fell, or the lines went up); null while it
    /// lasts or if there was none. Kept so that figures for a past day still count the candidacy then.
    /// </summary>
    public DateTime? ExitCandidateEndedUtc { get; set; }
    /// <summary>The counselor who helps this household ("1+1"); null until one is assigned.</summary>
    [MaxLength(450)] public string? HelperUserId { get; set; }
    /// <summary>
    /// Why the household has a category the lines do not give it (支出型贫困 from medical costs, 特困);
    /// null when the category is the lines' own.
    /// </summary>
    [MaxLength(InputRules.ReasonMax)] public string? CategoryReason { get; set; }
    /// <summary>When the household left the program other than by a verified exit (moved away, deregistered); its members leave the talent pool.</summary>
    public DateTime? ArchivedUtc { get; set; }
    [MaxLength(InputRules.ReasonMax)] public string? ArchiveReason { get; set; }
    public DateTime RegisteredUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    [ConcurrencyCheck] public Guid Version { get; set; } = Guid.NewGuid();
    public List<Person> Members { get; set; } = [];
    public List<LedgerEntry> Ledger { get; set; } = [];
    public List<HouseholdExit> Exits { get; set; } = [];
}

/// <summary>The four parts of the four-clear ledger (四清台账).</summary>
public enum LedgerSection { FamilySituation, PersonalInformation, EmploymentIntention, AssistanceMeasures }

/// <summary>A dated entry in a household's four-clear ledger, with who wrote it.</summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }
    [MaxLength(64)] public required string HouseholdId { get; set; }
    [MaxLength(64)] public string? PersonId { get; set; }
    public LedgerSection Section { get; set; }
    [MaxLength(4000)] public required string Text { get; set; }
    public DateOnly RecordedOn { get; set; }
    [MaxLength(256)] public required string Author { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>"On the register": a household not archived. An archived household keeps its record and history but counts nowhere as active.</summary>
public static class HouseholdRegister
{
    public static IQueryable<Household> OnRegister(this IQueryable<Household> households) => households.Where(h => h.ArchivedUtc == null);
}
