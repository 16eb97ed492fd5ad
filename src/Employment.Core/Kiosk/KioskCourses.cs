using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Matching;
using Employment.Core.Search;
using Employment.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Kiosk;

/// <summary>A course as a public screen may show it: the course only, never who is on it.</summary>
public sealed record KioskCourse(
    string Id, string Title, string Provider, IReadOnlyList<string> Skills, DateOnly StartDate, DateOnly EndDate,
    double? HoursPerWeek, int SeatsLeft, bool Remote, string? Address, double? DistanceKm, bool Subsidized, bool OrderBased,
    IReadOnlyList<string> Accommodations, int? Unlocks)
{
    /// <summary>The signed-in person already said "interested" and the lead is still new.</summary>
    public bool Interested { get; init; }
}

/// <summary>
/// The kiosk's courses: anonymous, the open ones near a street's centre (and the online ones);
/// signed in, the ones the engine suggests for the person with how many positions each opens.
/// </summary>
public sealed class KioskCourses(AppDbContext db, CourseTextSearch search, TimeProvider clock, AuditTrail audit)
{
    /// <summary>Within this of the street's centre a course counts as near.</summary>
    public const double NearKm = 5.0;

    /// <summary>
    /// The open courses (<see cref="CourseRules.Open"/>) near a street's centre and the online ones,
    /// nearest first; with words, those the course index finds for them (title, provider, a skill
    /// taught), best match first.
    /// </summary>
    public async Task<IReadOnlyList<KioskCourse>> OpenAsync(GeoPoint? near, string? words, CancellationToken ct)
    {
        var today = clock.Today();
        IEnumerable<(CourseProfile Course, double Score)> courses = string.IsNullOrWhiteSpace(words)
            ? (await TrainingCatalog.CoursesAsync(db, ct)).Where(c => CourseRules.Open(c, today)).Select(c => (c, 0.0))
            : (await search.SearchAsync(words, c => CourseRules.Open(c, today), ct)).Select(h => (h.Course, h.Score));
        var address = await AddressesAsync(ct);
        var list = courses
            .Select(x => (x.Course, x.Score, Km: near is { } at && x.Course.Location is { } where ? Geo.DistanceKm(at, where) : (double?)null))
            .Where(x => near is null || x.Course.Remote || x.Km <= NearKm)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Km ?? 0).ThenBy(x => x.Course.StartDate).ThenBy(x => x.Course.Id, StringComparer.Ordinal)
            .Select(x => ToKiosk(x.Course, address, x.Km, null))
            .ToList();
        return list;
    }

    public async Task<IReadOnlyList<KioskCourse>> SuggestedForAsync(string personId, int top, CancellationToken ct)
    {
        var profile = (await ProfileLoader.SeekersAsync(db, [personId], ct)).SingleOrDefault();
        if (profile is null)
        {
            return [];
        }
        var advisor = await TrainingCatalog.AdvisorAsync(db, ct);
        var lines = await ProfileLoader.LinesAsync(db, ct);
        var address = await AddressesAsync(ct);
        var interested = await db.CourseLeads.AsNoTracking()
            .Where(l => l.PersonId == personId && l.Status == Placement.LeadStatus.New).Select(l => l.CourseId).ToListAsync(ct);
        return advisor.CoursesFor(profile, clock.Today(), lines, top)
            .Select(a => ToKiosk(a.Course, address, a.DistanceKm, a.Unlocks.Count) with { Interested = interested.Contains(a.Course.Id) }).ToList();
    }

    /// <summary>
    /// "I'm interested" in a course: a lead for the person's counselor, as for a position. Pressing it
    /// again while the lead is new changes nothing. False when the course is not open for enrolment.
    /// </summary>
    public async Task<bool> InterestedAsync(string personId, string courseId, CancellationToken ct)
    {
        var today = clock.Today();
        var course = (await TrainingCatalog.CoursesAsync(db, ct)).FirstOrDefault(c => c.Id == courseId);
        if (course is null || !CourseRules.Open(course, today)
            || !await db.Persons.AnyAsync(p => p.Id == personId && p.ErasedUtc == null, ct))
        {
            return false;
        }
        if (await db.CourseLeads.AnyAsync(l => l.PersonId == personId && l.CourseId == courseId && l.Status == Placement.LeadStatus.New, ct))
        {
            return true;
        }
        var route = await Counseling.LeadRouting.ForPersonAsync(db, personId, ct);
        db.CourseLeads.Add(new CourseLead { PersonId = personId, CourseId = courseId, CreatedUtc = clock.GetUtcNow().UtcDateTime, FallbackDistrict = route.FallbackDistrict });
        audit.Add("kiosk:" + personId, "kiosk.interested", AuditTrail.Person, personId, AuditDetail.Of(AuditDetails.InterestedInCourse, courseId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException failure) when (failure.IsUniqueViolation())
        {
            // A press at the same moment wrote the new lead first: that one stands.
            db.ChangeTracker.Clear();
        }
        return true;
    }

    private async Task<Dictionary<string, string?>> AddressesAsync(CancellationToken ct) =>
        await db.Courses.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Address, ct);

    private static KioskCourse ToKiosk(CourseProfile c, IReadOnlyDictionary<string, string?> address, double? km, int? unlocks) =>
        new(c.Id, c.Title, c.Provider, c.Skills.Select(s => s.Code).ToList(), c.StartDate, c.EndDate, c.HoursPerWeek,
            c.Seats - c.Enrolled, c.Remote, address.GetValueOrDefault(c.Id), km, c.Subsidized, c.ForPositions.Count > 0,
            c.Accommodations, unlocks);
}
