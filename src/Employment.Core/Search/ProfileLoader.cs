using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Matching;
using Employment.Core.Positions;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Search;

/// <summary>
/// The engine's view of database records: what the indexer writes and what a caller matching one
/// person or position passes in. One loader, so the index and a direct match never see different profiles.
/// </summary>
public static class ProfileLoader
{
    /// <summary>Positions by id (all when <paramref name="ids"/> is null), with their employer's name.</summary>
    public static async Task<IReadOnlyList<PositionProfile>> PositionsAsync(AppDbContext db, IReadOnlyCollection<string>? ids, CancellationToken ct)
    {
        var query = db.Positions.AsNoTracking().Include(p => p.Employer).AsQueryable();
        if (ids is not null)
        {
            query = query.Where(p => ids.Contains(p.Id));
        }
        var positions = await query.ToListAsync(ct);
        return positions.Select(p => p.ToProfile()).ToList();
    }

    /// <summary>Persons by id (all when <paramref name="ids"/> is null), with their household's facts.</summary>
    public static async Task<IReadOnlyList<SeekerProfile>> SeekersAsync(AppDbContext db, IReadOnlyCollection<string>? ids, CancellationToken ct)
    {
        // An archived household left the program and an erased person names nobody: neither is in the talent pool.
        var query = db.Households.AsNoTracking().Where(h => h.ArchivedUtc == null)
            .Include(h => h.Members).AsQueryable();
        if (ids is not null)
        {
            var householdIds = db.Persons.Where(p => ids.Contains(p.Id)).Select(p => p.HouseholdId);
            query = query.Where(h => householdIds.Contains(h.Id));
        }
        var households = await query.AsSplitQuery().ToListAsync(ct);
        var intentions = await LatestIntentionsAsync(db, households.Select(h => h.Id).ToList(), ct);
        var wanted = ids is null ? null : new HashSet<string>(ids, StringComparer.Ordinal);
        var lastReferred = await LastReferredAsync(db, wanted, ct);
        return households
            .SelectMany(h => h.Members.Where(m => m.ErasedUtc is null && (wanted is null || wanted.Contains(m.Id)))
                .Select(m => m.ToProfile(h, intentions.GetValueOrDefault(m.Id) ?? intentions.GetValueOrDefault(h.Id),
                    lastReferred.TryGetValue(m.Id, out var at) ? at : null)))
            .ToList();
    }

    /// <summary>When each person was last referred, for the counselor's "not referred for 30 days".</summary>
    private static async Task<Dictionary<string, DateTime>> LastReferredAsync(AppDbContext db, HashSet<string>? ids, CancellationToken ct)
    {
        var referrals = db.Referrals.AsNoTracking().AsQueryable();
        if (ids is not null)
        {
            referrals = referrals.Where(r => ids.Contains(r.PersonId));
        }
        var rows = await referrals.GroupBy(r => r.PersonId).Select(g => new { g.Key, Last = g.Max(r => r.CreatedUtc) }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => DateTime.SpecifyKind(r.Last, DateTimeKind.Utc), StringComparer.Ordinal);
    }

    /// <summary>The latest employment-intention entry of the four-clear ledger, per person and per household.</summary>
    private static async Task<Dictionary<string, string>> LatestIntentionsAsync(AppDbContext db, List<string> householdIds, CancellationToken ct)
    {
        var entries = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.Section == LedgerSection.EmploymentIntention && householdIds.Contains(e.HouseholdId))
            .Select(e => new { e.HouseholdId, e.PersonId, e.Text, e.Id })
            .ToListAsync(ct);
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries.OrderBy(e => e.Id))
        {
            latest[entry.PersonId ?? entry.HouseholdId] = entry.Text;
        }
        return latest;
    }

    /// <summary>Courses by id (all when <paramref name="ids"/> is null), ordered by id: the catalog's index and the training advisor read the same profiles.</summary>
    public static async Task<IReadOnlyList<Training.CourseProfile>> CoursesAsync(AppDbContext db, IReadOnlyCollection<string>? ids, CancellationToken ct)
    {
        var query = db.Courses.AsNoTracking();
        if (ids is not null)
        {
            query = query.Where(c => ids.Contains(c.Id));
        }
        var courses = await query.OrderBy(c => c.Id).ToListAsync(ct);
        return courses.Select(Training.CourseProfiles.ToProfile).ToList();
    }

    /// <summary>Every district's current lines, for ranking by what a wage does to a household against its own district's.</summary>
    public static async Task<RegionLines> LinesAsync(AppDbContext db, CancellationToken ct) =>
        LinesOf(await DistrictBook.LoadAsync(db, ct), DateOnly.MaxValue);

    /// <summary>Every district's lines in force on <paramref name="day"/>.</summary>
    public static RegionLines LinesOf(DistrictBook districts, DateOnly day)
    {
        RegionLines Of(Region? region) => region is null ? new(0, 0)
            : DistrictLines.On(region, day) is var l ? new((double)l.DibaoLine, (double)l.EdgeLine) : new(0, 0);
        var others = districts.Regions.Skip(1).Where(r => r.DivisionCode is not null).ToDictionary(r => r.DivisionCode!, Of, StringComparer.Ordinal);
        if (districts.First is { DivisionCode: { } firstCode } first)
        {
            others[firstCode] = Of(first);
        }
        return Of(districts.First) with { Districts = districts.Regions.Count > 1 ? others : null };
    }
}
