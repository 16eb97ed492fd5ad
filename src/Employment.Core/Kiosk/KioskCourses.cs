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
    IReadOnlyList<string> Accommodations, int? Unlocks);

/// <summary>
/// The kiosk's courses: anonymous, the open ones near a street's centre (and the online ones);
/// signed in, the ones the engine suggests for the person with how many positions each opens.
/// </summary>
public sealed class KioskCourses(AppDbContext db, TimeProvider clock)
{
    /// <summary>Within this of the street's centre a course counts as near.</summary>
    public const double NearKm = 5.0;

    public async Task<IReadOnlyList<KioskCourse>> OpenAsync(GeoPoint? near, CancellationToken ct)
    {
        var today = clock.Today();
        var courses = (await TrainingCatalog.CoursesAsync(db, ct)).Where(c => CourseRules.Open(c, today));
        var address = await AddressesAsync(ct);
        var list = courses
            .Select(c => (Course: c, Km: near is { } at && c.Location is { } where ? Geo.DistanceKm(at, where) : (double?)null))
            .Where(x => near is null || x.Course.Remote || x.Km <= NearKm)
            .OrderBy(x => x.Km ?? 0).ThenBy(x => x.Course.StartDate).ThenBy(x => x.Course.Id, StringComparer.Ordinal)
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
        return advisor.CoursesFor(profile, clock.Today(), lines, top)
            .Select(a => ToKiosk(a.Course, address, a.DistanceKm, a.Unlocks.Count)).ToList();
    }

    private async Task<Dictionary<string, string?>> AddressesAsync(CancellationToken ct) =>
        await db.Courses.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Address, ct);

    private static KioskCourse ToKiosk(CourseProfile c, IReadOnlyDictionary<string, string?> address, double? km, int? unlocks) =>
        new(c.Id, c.Title, c.Provider, c.Skills.Select(s => s.Code).ToList(), c.StartDate, c.EndDate, c.HoursPerWeek,
            c.Seats - c.Enrolled, c.Remote, address.GetValueOrDefault(c.Id), km, c.Subsidized, c.ForPositions.Count > 0,
            c.Accommodations, unlocks);
}
