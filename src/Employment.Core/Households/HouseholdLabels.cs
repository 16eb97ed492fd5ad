using Employment.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Households;

/// <summary>How a list names a household: its head's name and its street, beside the code.</summary>
public sealed record HouseholdLabel(string HouseholdId, string? HeadName, string? StreetName);

/// <summary>
/// A household as a list shows it, so a counselor reads 王秀英 · 春熙路街道 rather than H-0006. The
/// contract has no head-of-household field: the head (户主) is the member the register lists first
/// (the lowest person key), skipping members whose personal data was erased.
/// </summary>
public static class HouseholdLabels
{
    public static async Task<IReadOnlyDictionary<string, HouseholdLabel>> ForAsync(AppDbContext db, IReadOnlyCollection<string> householdIds,
        CancellationToken ct)
    {
        if (householdIds.Count == 0)
        {
            return new Dictionary<string, HouseholdLabel>(StringComparer.Ordinal);
        }
        var ids = householdIds.Distinct(StringComparer.Ordinal).ToList();
        var members = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.HouseholdId) && p.ErasedUtc == null)
            .Select(p => new { p.HouseholdId, p.Id, p.Name }).ToListAsync(ct);
        var heads = members.GroupBy(m => m.HouseholdId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MinBy(m => m.Id, StringComparer.Ordinal)!.Name, StringComparer.Ordinal);
        var divisions = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id))
            .Select(h => new { h.Id, h.DivisionCode }).ToListAsync(ct);
        var streets = await Streets.LoadAsync(db, ct);
        return divisions.ToDictionary(h => h.Id,
            h => new HouseholdLabel(h.Id, heads.GetValueOrDefault(h.Id), streets.StreetOf(h.DivisionCode) is { } s ? streets.Find(s)?.Name : null),
            StringComparer.Ordinal);
    }
}
