using System.ComponentModel.DataAnnotations;
using Employment.Core.Domain;

namespace Employment.Core.Households;

/// <summary>
/// One field of a household or person changed by hand, with who, when, the value before and after,
/// and why: the register's history (动态管理). Not the audit log, which says who looked; this says what
/// the record was. ID numbers are kept masked here; an erase blanks a person's values.
/// </summary>
public sealed class RecordChange
{
    public long Id { get; set; }
    [MaxLength(64)] public required string HouseholdId { get; set; }
    /// <summary>Null for a change of the household itself.</summary>
    [MaxLength(64)] public string? PersonId { get; set; }
    public DateTime AtUtc { get; set; }
    [MaxLength(256)] public required string Actor { get; set; }
    /// <summary>The field's name as the forms spell it (<c>MonthlyIncome</c>, <c>Category</c>, <c>Registered</c> …).</summary>
    [MaxLength(64)] public required string Field { get; set; }
    [MaxLength(1000)] public string? Before { get; set; }
    [MaxLength(1000)] public string? After { get; set; }
    [MaxLength(InputRules.ReasonMax)] public string? Reason { get; set; }
}

/// <summary>The names a history row's <see cref="RecordChange.Field"/> takes beyond the form fields.</summary>
public static class RecordFields
{
    public const string Registered = "Registered";
    public const string MemberAdded = "MemberAdded";
    public const string Archived = "Archived";
    public const string Erased = "Erased";
}
