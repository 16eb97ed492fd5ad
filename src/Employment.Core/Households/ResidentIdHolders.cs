using Employment.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Households;

/// <summary>Who in the store already holds a resident ID number.</summary>
public sealed record ResidentIdHolder(string IdNumber, string PersonId, string HouseholdId)
{
    /// <summary>The holder as a refusal may name it: record ids and the masked number, never a name.</summary>
    public string Masked => Interchange.ResidentId.Mask(IdNumber);
}

/// <summary>
/// One resident ID number, one person, across the whole store: the importer and the counselor's
/// forms both ask here, so a person cannot be registered twice by either road.
/// </summary>
public static class ResidentIdHolders
{
    /// <summary>
    /// The holders of <paramref name="idNumbers"/> (normalised) other than the persons in
    /// <paramref name="except"/> (the records being written themselves).
    /// </summary>
    public static async Task<IReadOnlyList<ResidentIdHolder>> FindAsync(AppDbContext db, IReadOnlyCollection<string> idNumbers,
        IReadOnlyCollection<string> except, CancellationToken ct = default)
    {
        if (idNumbers.Count == 0)
        {
            return [];
        }
        var rows = await db.Persons.AsNoTracking()
            .Where(p => p.IdNumber != null && idNumbers.Contains(p.IdNumber) && !except.Contains(p.Id))
            .Select(p => new { p.IdNumber, p.Id, p.HouseholdId })
            .ToListAsync(ct);
        return rows.Select(r => new ResidentIdHolder(r.IdNumber!, r.Id, r.HouseholdId)).OrderBy(r => r.PersonId, StringComparer.Ordinal).ToList();
    }
}
