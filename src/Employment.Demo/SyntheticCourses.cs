using Employment.Core.Training;
using Employment.Core.Domain;
using Employment.Core.Matching;

namespace Employment.Demo;

/// <summary>
/// Made-up courses for a <see cref="SyntheticRegion"/>, the same for the same seed: each teaches one
/// to three skills the region's positions require (training follows demand), at a place in the
/// district or online, with seats, bounds and start dates around the region's day, some of them full,
/// started or order-based. For the benchmark and the property tests; never a real provider.
/// </summary>
public static class SyntheticCourses
{
    private static readonly string[] Providers = ["锦江区职业技能培训中心", "成都市残疾人职业培训基地", "锦江区社区学院", "四川省家政服务培训学校", "天府技工学校"];
    private static readonly string[] Accommodations = ["step_free_access", "accessible_toilet", "screen_reader", "large_print", "sign_language", "seated_work", "job_coach", "rest_breaks", "quiet_workspace"];

    public static IReadOnlyList<CourseProfile> Generate(int seed, int count, SyntheticRegion region)
    {
        var random = new Random(seed);
        var demanded = region.Positions.SelectMany(p => p.RequiredSkills).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (demanded.Length == 0)
        {
            demanded = ["clean.basic"];
        }
        var courses = new List<CourseProfile>(count);
        for (var i = 1; i <= count; i++)
        {
            var remote = random.NextDouble() < 0.15;
            var skills = new Dictionary<string, int>(StringComparer.Ordinal);
            var wanted = 1 + random.Next(3);
            // Often the whole set of one position's required skills, so that gaps of several skills close.
            if (random.NextDouble() < 0.5 && region.Positions.Count > 0)
            {
                foreach (var code in region.Positions[random.Next(region.Positions.Count)].RequiredSkills)
                {
                    skills[code] = 1 + random.Next(3);
                }
            }
            while (skills.Count < wanted)
            {
                skills[demanded[random.Next(demanded.Length)]] = 1 + random.Next(3);
            }
            var seats = 5 + random.Next(40);
            var start = region.AsOf.AddDays(random.Next(-20, 60));
            var minAge = random.NextDouble() < 0.2 ? 16 + random.Next(10) : (int?)null;
            courses.Add(new CourseProfile
            {
                Id = $"C-{i}",
                Title = $"培训班 {i}",
                Provider = Providers[random.Next(Providers.Length)],
                Skills = skills.Select(s => new SkillLevel(s.Key, s.Value)).ToArray(),
                StartDate = start,
                EndDate = start.AddDays(14 + random.Next(90)),
                HoursPerWeek = random.NextDouble() < 0.8 ? 10 + random.Next(35) : null,
                Seats = seats,
                Enrolled = random.NextDouble() < 0.1 ? seats : random.Next(seats),
                Remote = remote,
                Location = remote ? null : new GeoPoint(
                    SyntheticRegion.Center.Lat + (random.NextDouble() - 0.5) * 0.36,
                    SyntheticRegion.Center.Lon + (random.NextDouble() - 0.5) * 0.42),
                Accommodations = Accommodations.Where(_ => random.NextDouble() < 0.3).ToArray(),
                MinAge = minAge,
                MaxAge = random.NextDouble() < 0.3 ? 45 + random.Next(20) : null,
                MinEducation = random.NextDouble() < 0.2 ? (Education)random.Next(1, 4) : null,
                Subsidized = random.NextDouble() < 0.6,
                ForPositions = random.NextDouble() < 0.1 && region.Positions.Count > 0
                    ? [region.Positions[random.Next(region.Positions.Count)].Id]
                    : [],
            });
        }
        return courses;
    }
}
