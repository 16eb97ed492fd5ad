using System.Globalization;
using CsvHelper;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Training;

/// <summary>A course that teaches a skill short in the district, with seats left on the day.</summary>
public sealed record TeachingCourse(string Id, string Title, DateOnly StartDate, int SeatsLeft);

public sealed record ShortageLine(SkillShortage Shortage, IReadOnlyList<TeachingCourse> Courses);

/// <summary>The shortages of one scope: the district (Code null) or one street.</summary>
public sealed record ShortageScope(string? Code, string Name, IReadOnlyList<ShortageLine> Lines);

public sealed record ShortageReportData(DateOnly AsOf, ShortageScope District, IReadOnlyList<ShortageScope> Streets);

/// <summary>
/// The district's skill shortages for planning next quarter's courses: the contract's demand
/// (free places of open positions requiring the skill) against supply (available people holding
/// it), for the district and per street (a position's street is where the work is, a remote
/// position counts for the district only; a person's street is where they live), each skill with
/// the courses that teach it and still have seats. Aggregates only: no person is named.
/// </summary>
public sealed class ShortageReport(AppDbContext db, TimeProvider clock)
{
    public async Task<ShortageReportData> BuildAsync(DateOnly? asOf = null, CancellationToken ct = default)
    {
        var day = asOf ?? Domain.DistrictClock.Today(clock);
        var streets = await Streets.LoadAsync(db, ct);
        var positions = await ProfileLoader.PositionsAsync(db, null, ct);
        var persons = await ProfileLoader.SeekersAsync(db, null, ct);
        var courses = await TrainingCatalog.CoursesAsync(db, ct);
        var region = await db.Regions.AsNoTracking().TheDistrict().FirstOrDefaultAsync(ct);

        var teaching = courses
            .Where(c => CourseRules.Open(c, day))
            .SelectMany(c => c.Skills.Select(s => (s.Code, Course: new TeachingCourse(c.Id, c.Title, c.StartDate, c.Seats - c.Enrolled))))
            .GroupBy(x => x.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TeachingCourse>)g.Select(x => x.Course).OrderBy(c => c.StartDate).ThenBy(c => c.Id, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        ShortageScope Scope(string? code, string name, IEnumerable<Matching.PositionProfile> p, IEnumerable<Matching.SeekerProfile> s) =>
            new(code, name, SkillShortages.Compute(p, s, day)
                .Select(x => new ShortageLine(x, teaching.GetValueOrDefault(x.Skill) ?? [])).ToList());

        var district = Scope(null, region?.Name ?? "", positions, persons);
        var positionStreet = positions.Where(p => !p.Remote).ToLookup(p => streets.StreetOf(p.DivisionCode) ?? "");
        var personStreet = persons.ToLookup(p => streets.StreetOf(p.DivisionCode) ?? "");
        var perStreet = streets.All
            .Select(s => Scope(s.Code, s.Name, positionStreet[s.Code], personStreet[s.Code]))
            .ToList();
        return new ShortageReportData(day, district, perStreet);
    }
}

/// <summary>The shortage report as CSV, one line per scope and skill, like the outcome report's CSV.</summary>
public static class ShortageCsv
{
    public static readonly string[] Header = ["asOf", "scopeCode", "scope", "skill", "skillName", "demand", "supply", "gap", "courses"];

    public static void Write(ShortageReportData report, TextWriter writer, CultureInfo culture)
    {
        var english = culture.TwoLetterISOLanguageName == "en";
        using var csv = CsvWriter.Create(writer, null, leaveOpen: true);
        csv.WriteRecord(Header);
        var asOf = report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var scope in new[] { report.District }.Concat(report.Streets))
        {
            foreach (var line in scope.Lines)
            {
                var s = line.Shortage;
                csv.WriteRecord([asOf, scope.Code ?? "", scope.Name, s.Skill, Taxonomy.Taxonomy.Embedded.Find(s.Skill)?.Name(english) ?? s.Skill,
                    s.Demand.ToString(CultureInfo.InvariantCulture), s.Supply.ToString(CultureInfo.InvariantCulture), s.Gap.ToString(CultureInfo.InvariantCulture),
                    string.Join(";", line.Courses.Select(c => c.Id))]);
            }
        }
        csv.Flush();
    }
}
