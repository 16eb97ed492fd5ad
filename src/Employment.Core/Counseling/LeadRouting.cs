using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Placement;
using Employment.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Counseling;

/// <summary>Who takes a kiosk lead: the counselors of the person's area, else the district's, else the service desk (administrators).</summary>
public enum LeadRouteLevel { Area, District, ServiceDesk }

/// <summary>
/// Where a person's "I'm interested" goes, and so who will call them: <see cref="Counselors"/> are the
/// names the kiosk may say (work names of staff, no one's personal data).
/// </summary>
public sealed record LeadRoute(LeadRouteLevel Level, IReadOnlyList<string> Counselors, string? District)
{
    /// <summary>What a new lead stores: the district, only when the district's counselors take it in place of the area's.</summary>
    public string? FallbackDistrict => Level == LeadRouteLevel.District ? District : null;
}

/// <summary>
/// The one rule for kiosk leads (positions and courses). A lead belongs to the counselors whose area
/// covers where the person lives (<see cref="AreaScope"/>); when no active counselor covers that
/// street, to every counselor working in the person's district (the lead records that district, so
/// they see it beside their own); when the district has no counselor at all, to the administrators,
/// who see every lead. The kiosk tells the person which of these will call.
/// </summary>
public static class LeadRouting
{
    /// <summary>Names said on the kiosk; more would not help a person waiting for a call.</summary>
    public const int NamesShown = 3;

    public static async Task<LeadRoute> ForPersonAsync(AppDbContext db, string personId, CancellationToken ct = default)
    {
        var division = await db.Persons.AsNoTracking().Where(p => p.Id == personId)
            .Select(AreaScope.PersonDivision).FirstOrDefaultAsync(ct);
        if (string.IsNullOrEmpty(division))
        {
            return new LeadRoute(LeadRouteLevel.ServiceDesk, [], null);
        }
        var district = AreaScope.DistrictOf(division);
        // Counselors are a few dozen accounts: their areas are read and compared here, by the same prefix rule as AreaScope.
        var counselorRole = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Counselor).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var counselors = (await db.Users.AsNoTracking()
                .Where(u => !u.Disabled && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == counselorRole))
                .Select(u => new { Name = u.DisplayName ?? u.UserName ?? "", u.Areas })
                .ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var area = counselors.Where(c => AreaScope.Of(c.Areas).Covers(division)).Select(c => c.Name).ToList();
        if (area.Count > 0)
        {
            return new LeadRoute(LeadRouteLevel.Area, area.Take(NamesShown).ToList(), district);
        }
        var inDistrict = counselors.Where(c => c.Areas.Any(a => a.StartsWith(district, StringComparison.Ordinal))).Select(c => c.Name).ToList();
        return inDistrict.Count > 0
            ? new LeadRoute(LeadRouteLevel.District, inDistrict.Take(NamesShown).ToList(), district)
            : new LeadRoute(LeadRouteLevel.ServiceDesk, [], district);
    }

    /// <summary>The districts a scope takes fallen-back leads of: those its areas lie in (none for a scope with no areas).</summary>
    private static List<string> Districts(AreaScope scope) =>
        (scope.Areas ?? []).Select(AreaScope.DistrictOf).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The leads (positions' or courses') a staff member takes: of persons in their area, and those fallen back to their district.</summary>
    public static IQueryable<TLead> For<TLead>(this IQueryable<TLead> leads, AppDbContext db, AreaScope scope) where TLead : class, IKioskLead
    {
        if (scope.IsEverywhere)
        {
            return leads;
        }
        var persons = db.Persons.Within(scope);
        var districts = Districts(scope);
        return leads.Where(l => persons.Any(p => p.Id == l.PersonId) || (l.FallbackDistrict != null && districts.Contains(l.FallbackDistrict)));
    }
}
