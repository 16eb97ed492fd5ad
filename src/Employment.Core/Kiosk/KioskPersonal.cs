using Employment.Core.Domain;
using System.Globalization;
using Employment.Core.Data;
using Employment.Core.Matching;
using Employment.Core.Placement;
using Employment.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Core.Kiosk;

/// <summary>A recommended position with its reasons in the reader's language.</summary>
/// <summary>A recommendation: why it fits (<see cref="Reasons"/>) and, apart, what counts against it (<see cref="Drawbacks"/>).</summary>
public sealed record KioskRecommendation(KioskPosition Position, double? DistanceKm, IReadOnlyList<string> Reasons, bool Interested)
{
    public IReadOnlyList<string> Drawbacks { get; init; } = [];
}

/// <summary>One of the person's referrals, as the person may see it.</summary>
public sealed record KioskReferral(string PositionId, string PositionTitle, string EmployerName, ReferralStatus Status, DateTime UpdatedUtc);

/// <summary>One "I'm interested" the person pressed, and how far the counselor got with it.</summary>
public sealed record KioskLead(string PositionId, string PositionTitle, LeadStatus Status, DateTime CreatedUtc);

/// <summary>What the signed-in person sees: a greeting with most of the name hidden, and nothing of the household.</summary>
public sealed record KioskMe(string PersonId, string MaskedName);

/// <summary>
/// The signed-in person's own view at the kiosk: recommendations from the engine, referrals,
/// leads. Every method takes the person id from the kiosk session, never from the request, and
/// reads only that person's rows. Each view is written to the audit log.
/// </summary>
public sealed class KioskPersonal(AppDbContext db, MatchingEngine engine, KioskCatalog catalog, TimeProvider clock)
{
    private readonly AuditTrail _audit = new(db, clock);

    /// <summary>
    /// Reasons that would put the household's poverty category or income per head on a public
    /// screen; the counselor sees them, the kiosk does not.
    /// </summary>
    private static readonly HashSet<string> HiddenReasons = new(StringComparer.Ordinal)
    {
        ReasonCodes.LiftsAboveDibao, ReasonCodes.LiftsAboveEdge,
        ReasonCodes.PublicWelfareDibao, ReasonCodes.PublicWelfareExtreme, ReasonCodes.PublicWelfareZeroEmployment,
    };

    /// <summary>
    /// Where the person lives (their own location, else the household's): the results page measures
    /// distances from it when no street is chosen. Used for ordering on the person's own screen,
    /// never shown as a place.
    /// </summary>
    public async Task<GeoPoint?> HomeAsync(string personId, CancellationToken ct)
    {
        var row = await db.Persons.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.Lat, p.Lon, HouseholdLat = p.Household!.Lat, HouseholdLon = p.Household.Lon })
            .FirstOrDefaultAsync(ct);
        return row is null ? null
            : row.Lat is { } lat && row.Lon is { } lon ? new GeoPoint(lat, lon)
            : new GeoPoint(row.HouseholdLat, row.HouseholdLon);
    }

    /// <summary>Openings that entered the person's top matches since their visit before this one, still listed.</summary>
    public async Task<IReadOnlyList<KioskPosition>> NewSinceLastVisitAsync(string personId, CancellationToken ct)
    {
        var previous = await db.KioskVisits.AsNoTracking().Where(v => v.PersonId == personId).Select(v => v.PreviousUtc).FirstOrDefaultAsync(ct);
        if (previous is not { } since)
        {
            return [];
        }
        var ids = await db.MatchAlerts.AsNoTracking().Where(a => a.PersonId == personId && a.CreatedUtc > since)
            .OrderBy(a => a.Rank).Select(a => a.PositionId).Take(10).ToListAsync(ct);
        var found = new List<KioskPosition>();
        foreach (var id in ids)
        {
            if (await catalog.FindAsync(id, ct) is { } position)
            {
                found.Add(position);
            }
        }
        return found;
    }

    /// <summary>The person's current placement, for the kiosk's satisfaction survey; null when not placed or already answered this quarter.</summary>
    public async Task<long?> PlacementToSurveyAsync(string personId, CancellationToken ct)
    {
        var placement = await db.Placements.AsNoTracking()
            .Where(p => p.PersonId == personId && p.Status != PlacementStatus.Ended)
            .OrderByDescending(p => p.StartedOn).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        if (placement is null)
        {
            return null;
        }
        var answered = await SatisfactionSurveys.ThisQuarter(db, placement.Value, SurveySource.Kiosk, clock).AnyAsync(ct);
        return answered ? null : placement;
    }

    public async Task<KioskMe?> MeAsync(string personId, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct);
        return person is null ? null : new KioskMe(person.Id, MaskName(person.Name));
    }

    /// <summary>王小明 → 王**, Li Ming → L*******: enough to know it is you, not enough for a stranger.</summary>
    public static string MaskName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            return "*";
        }
        var first = char.IsSurrogate(trimmed[0]) && trimmed.Length > 1 ? trimmed[..2] : trimmed[..1];
        return first + new string('*', Math.Max(2, new StringInfo(trimmed).LengthInTextElements - 1));
    }

    public async Task<IReadOnlyList<KioskRecommendation>> RecommendationsAsync(string personId, CultureInfo culture, int top, CancellationToken ct)
    {
        var seeker = (await ProfileLoader.SeekersAsync(db, [personId], ct)).FirstOrDefault();
        if (seeker is null)
        {
            return [];
        }
        var lines = await ProfileLoader.LinesAsync(db, ct);
        // Ask for more than shown: the index can trail the database by a moment, and a
        // position that closed since must not be offered.
        var matches = engine.PositionsFor(seeker, new MatchRequest { Top = top * 2, AsOf = catalog.Today, Lines = lines });
        var ids = matches.Select(m => m.Id).ToList();
        var open = (await catalog.OpenPositionsAsync(ct)).Where(p => ids.Contains(p.Id)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var interested = await db.Leads.AsNoTracking()
            .Where(l => l.PersonId == personId && l.Status == LeadStatus.New)
            .Select(l => l.PositionId)
            .ToListAsync(ct);
        var result = matches
            .Where(m => open.ContainsKey(m.Id))
            .Take(top)
            .Select(m => new KioskRecommendation(open[m.Id], m.DistanceKm,
                Shown(m.Reasons, drawbacks: false), interested.Contains(m.Id))
            {
                Drawbacks = Shown(m.Reasons, drawbacks: true),
            })
            .ToList();
        await AuditAsync(personId, "kiosk.view", AuditDetail.Of(AuditDetails.KioskRecommendations, result.Count), ct);
        return result;

        List<string> Shown(IReadOnlyList<MatchReason> reasons, bool drawbacks) => reasons
            .Where(r => !HiddenReasons.Contains(r.Code) && ReasonCodes.IsDrawback(r.Code) == drawbacks)
            .Select(r => ReasonText.Format(r, culture)).Distinct().ToList();
    }

    public async Task<IReadOnlyList<KioskReferral>> ReferralsAsync(string personId, CancellationToken ct)
    {
        var rows = await (from r in db.Referrals.AsNoTracking()
                          join p in db.Positions.AsNoTracking() on r.PositionId equals p.Id
                          where r.PersonId == personId
                          select new { r.PositionId, p.Title, Employer = p.Employer!.Name, r.Status, r.UpdatedUtc, r.CreatedUtc })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.UpdatedUtc > r.CreatedUtc ? r.UpdatedUtc : r.CreatedUtc)
            .Select(r => new KioskReferral(r.PositionId, r.Title, r.Employer, r.Status, r.UpdatedUtc > r.CreatedUtc ? r.UpdatedUtc : r.CreatedUtc))
            .ToList();
    }

    public async Task<IReadOnlyList<KioskLead>> LeadsAsync(string personId, CancellationToken ct)
    {
        var rows = await (from l in db.Leads.AsNoTracking()
                          join p in db.Positions.AsNoTracking() on l.PositionId equals p.Id
                          where l.PersonId == personId
                          select new { l.PositionId, p.Title, l.Status, l.CreatedUtc })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.CreatedUtc).Select(r => new KioskLead(r.PositionId, r.Title, r.Status, r.CreatedUtc)).ToList();
    }

    /// <summary>Who takes the person's leads, so the kiosk can say honestly who will call.</summary>
    public Task<Counseling.LeadRoute> LeadRouteAsync(string personId, CancellationToken ct) =>
        Counseling.LeadRouting.ForPersonAsync(db, personId, ct);

    /// <summary>
    /// "I'm interested": a lead for the person's counselor. Pressing it again while the lead is
    /// still new changes nothing. False when the position is not open (any more).
    /// </summary>
    public async Task<bool> InterestedAsync(string personId, string positionId, CancellationToken ct)
    {
        if (await catalog.FindAsync(positionId, ct) is null || !await db.Persons.AnyAsync(p => p.Id == personId, ct))
        {
            return false;
        }
        if (await db.Leads.AnyAsync(l => l.PersonId == personId && l.PositionId == positionId && l.Status == LeadStatus.New, ct))
        {
            return true;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var route = await Counseling.LeadRouting.ForPersonAsync(db, personId, ct);
        var lead = new Lead { PersonId = personId, PositionId = positionId, Status = LeadStatus.New, CreatedUtc = now, FallbackDistrict = route.FallbackDistrict };
        db.Leads.Add(lead);
        _audit.Add("kiosk:" + personId, "kiosk.interested", AuditTrail.Person, personId, AuditDetail.Of(AuditDetails.InterestedInPosition, positionId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException failure) when (failure.IsUniqueViolation())
        {
            // A press at the same moment wrote the new lead first (the index allows one new lead per
            // person and position): that one stands, and this press is answered like it.
            db.ChangeTracker.Clear();
        }
        return true;
    }

    private async Task AuditAsync(string personId, string action, AuditDetail detail, CancellationToken ct)
    {
        _audit.Add("kiosk:" + personId, action, AuditTrail.Person, personId, detail);
        await db.SaveChangesAsync(ct);
    }
}

public static class KioskServices
{
    /// <summary>The kiosk's read model, personal view and PINs (scoped: each uses the request's context).</summary>
    public static IServiceCollection AddKioskCore(this IServiceCollection services)
    {
        services.AddSingleton<KioskSnapshot>();
        services.AddScoped<KioskCatalog>();
        services.AddScoped<KioskPersonal>();
        services.AddScoped<KioskPins>();
        services.AddScoped<KioskDevices>();
        return services;
    }
}
