using System.ComponentModel.DataAnnotations;

namespace Employment.Core.Households;

/// <summary>
/// A verified exit (脱贫/退出) from the program: a counselor confirmed, with a dated note, that the
/// household's income per head passed the lines. The household keeps a transition period and three
/// years of incentive tracking; a follow-up that finds the job lost revokes the exit.
/// </summary>
public sealed class HouseholdExit
{
    public long Id { get; set; }
    [MaxLength(64)] public required string HouseholdId { get; set; }
    public DateOnly VerifiedOn { get; set; }
    [MaxLength(256)] public required string VerifiedBy { get; set; }
    [MaxLength(2000)] public required string Note { get; set; }
    /// <summary>Income per head at the time of the exit, against the lines then in force.</summary>
    public decimal IncomePerHead { get; set; }
    public decimal DibaoLine { get; set; }
    public decimal EdgeLine { get; set; }
    public DateOnly TransitionEndsOn { get; set; }
    public DateOnly IncentiveEndsOn { get; set; }
    public DateOnly? RevokedOn { get; set; }
    [MaxLength(1000)] public string? RevokedReason { get; set; }
    public DateTime CreatedUtc { get; set; }
}
