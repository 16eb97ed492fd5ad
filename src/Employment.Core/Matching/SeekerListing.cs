using Employment.Core.Domain;

namespace Employment.Core.Matching;

/// <summary>
/// What the counselor's talent-pool search filters and sorts on, beyond what matching weighs:
/// carried on the profile so the talent pool index can hold it. Never part of a match's input.
/// </summary>
public sealed record SeekerListing(
    string Name,
    string? HouseholdDivisionCode,
    HouseholdCategory? Category,
    IReadOnlyList<PovertyCause> Causes,
    decimal IncomePerHead,
    DateTime? LastReferredUtc,
    DateTime RegisteredUtc);
