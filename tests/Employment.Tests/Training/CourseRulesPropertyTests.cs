using Employment.Demo;
using Employment.Core.Domain;
using Employment.Core.Matching;
using Employment.Core.Training;

namespace Employment.Tests.Training;

/// <summary>
/// The advisor against a plain reading of the contract ("Who may take which course", "What a
/// course opens up", the match rules), written here again without the engine's code: over random
/// districts it never offers a course the person may not take, offers every one they may, and
/// each course's unlocked positions are exactly the reference's.
/// </summary>
public sealed class CourseRulesPropertyTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Advisor_equals_the_plain_reference(int seed)
    {
        var region = SyntheticRegion.Generate(seed, 250, 400);
        var courses = SyntheticCourses.Generate(seed, 80, region);
        var advisor = new TrainingAdvisor(region.Positions, courses);
        var asOf = region.AsOf.AddDays(seed % 3 * 5);
        var unlocking = 0;

        foreach (var person in region.Seekers)
        {
            var actual = advisor.CoursesFor(person, asOf, region.Lines);
            var expected = courses.Where(c => MayTake(person, c, asOf)).ToDictionary(c => c.Id);

            Assert.True(expected.Keys.Order().SequenceEqual(actual.Select(a => a.Id).Order()),
                $"{person.Id}: expected courses [{string.Join(", ", expected.Keys.Order())}] but got [{string.Join(", ", actual.Select(a => a.Id).Order())}]");
            foreach (var advice in actual)
            {
                var opened = region.Positions.Where(p => Unlocks(person, expected[advice.Id], p, asOf)).Select(p => p.Id).Order().ToList();
                Assert.True(opened.SequenceEqual(advice.Unlocks.Select(u => u.Id).Order()),
                    $"{person.Id} / {advice.Id}: expected [{string.Join(", ", opened)}] but got [{string.Join(", ", advice.Unlocks.Select(u => u.Id).Order())}]");
                unlocking += opened.Count > 0 ? 1 : 0;
            }
            // Best first: scores never rise down the list.
            Assert.True(actual.Zip(actual.Skip(1)).All(p => p.First.Score >= p.Second.Score), person.Id);
        }
        // A district where no course opened anything would prove nothing.
        Assert.True(unlocking > 0, "no course unlocked any position in this district");
    }

    [Fact]
    public void An_unavailable_person_is_offered_nothing()
    {
        var region = SyntheticRegion.Generate(7, 50, 100);
        var courses = SyntheticCourses.Generate(7, 40, region);
        var advisor = new TrainingAdvisor(region.Positions, courses);

        foreach (var person in region.Seekers)
        {
            Assert.Empty(advisor.CoursesFor(person with { Employed = true }, region.AsOf, region.Lines));
            Assert.Empty(advisor.CoursesFor(person with { LaborCapacity = LaborCapacity.None }, region.AsOf, region.Lines));
        }
    }

    // ---- the contract, read plainly ----

    private static readonly string[] ByRemote = ["remote_work", "step_free_access", "accessible_toilet", "transport"];

    private static bool MayTake(SeekerProfile s, CourseProfile c, DateOnly asOf) =>
        c.StartDate >= asOf && c.Enrolled < c.Seats
        && s.LaborCapacity != LaborCapacity.None && !s.Employed
        && s.Needs.All(n => c.Accommodations.Contains(n) || (c.Remote && ByRemote.Contains(n)))
        && (c.Remote || Km(s.Location, c.Location!.Value) <= s.MaxCommuteKm)
        && (c.MinAge is null || s.Age >= c.MinAge) && (c.MaxAge is null || s.Age <= c.MaxAge)
        && (c.MinEducation is null || s.Education >= c.MinEducation)
        && (s.MaxHoursPerWeek is null || c.HoursPerWeek is null || c.HoursPerWeek <= s.MaxHoursPerWeek)
        && c.Skills.Any(t => !s.Skills.Any(h => h.Code == t.Code && h.Level >= t.Level));

    private static bool Matches(SeekerProfile s, PositionProfile p, DateOnly asOf) =>
        p.IsOpen && p.Filled < p.Headcount && (p.ValidUntil is null || p.ValidUntil >= asOf)
        && s.LaborCapacity != LaborCapacity.None && !s.Employed
        && !p.Demands.Any(d => s.Limits.Contains(d))
        && s.Needs.All(n => p.Accommodations.Contains(n) || (p.Remote && ByRemote.Contains(n)))
        && (p.Remote || Km(s.Location, p.Location!.Value) <= s.MaxCommuteKm)
        && (p.MinAge is null || s.Age >= p.MinAge) && (p.MaxAge is null || s.Age <= p.MaxAge)
        && (p.MinEducation is null || s.Education >= p.MinEducation)
        && (s.MaxHoursPerWeek is null || p.HoursPerWeek <= s.MaxHoursPerWeek
            || p.Accommodations.Contains("part_time") || p.Accommodations.Contains("flexible_hours"));

    private static bool WithinReach(SeekerProfile s, IEnumerable<string> held, PositionProfile p, DateOnly asOf) =>
        Matches(s, p, asOf) && p.RequiredSkills.All(held.Contains);

    private static bool Unlocks(SeekerProfile s, CourseProfile c, PositionProfile p, DateOnly asOf)
    {
        var now = s.Skills.Select(k => k.Code).ToList();
        var after = now.Concat(c.Skills.Select(k => k.Code)).ToList();
        return !WithinReach(s, now, p, asOf) && WithinReach(s, after, p, asOf);
    }

    private static double Km(GeoPoint a, GeoPoint b)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(b.Lat - a.Lat) / 2), 2)
            + Math.Cos(Rad(a.Lat)) * Math.Cos(Rad(b.Lat)) * Math.Pow(Math.Sin(Rad(b.Lon - a.Lon) / 2), 2);
        return 2 * 6371.0088 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
