using Employment.Core.Matching;

namespace Employment.Core.Training;

/// <summary>A position a course would open up for a person, with the value the engine gives it for them.</summary>
public sealed record UnlockedPosition(string Id, PositionProfile Position, double? DistanceKm, double Value);

/// <summary>One course a person may take, what it opens up (all of it, best first) and why it ranks where it does.</summary>
public sealed record CourseAdvice(
    string Id,
    CourseProfile Course,
    double Score,
    double? DistanceKm,
    IReadOnlyList<UnlockedPosition> Unlocks,
    IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// Which courses a person may take and what each opens up, ranked by the engine's judgement.
/// Who may take a course and what "unlocks" means are <see cref="CourseRules"/>'; this class only
/// makes them fast (positions sorted by latitude, so a person's reach is a band, not the whole job
/// bank; unlocked sets found once per distinct gap of missing skills) and ranks the result.
/// Immutable after construction and thread-safe: build one per snapshot of the catalog.
/// </summary>
public sealed class TrainingAdvisor
{
    private readonly PositionProfile[] _placed;
    private readonly double[] _lats;
    private readonly PositionProfile[] _remote;
    private readonly CourseProfile[] _courses;
    private readonly Ranker _ranker;

    public TrainingAdvisor(IEnumerable<PositionProfile> positions, IEnumerable<CourseProfile> courses, RankingWeights? weights = null)
    {
        var all = positions.ToList();
        _placed = all.Where(p => !p.Remote && p.Location is not null).OrderBy(p => p.Location!.Value.Lat).ToArray();
        _lats = _placed.Select(p => p.Location!.Value.Lat).ToArray();
        _remote = all.Where(p => p.Remote).ToArray();
        _courses = courses.ToArray();
        _ranker = new Ranker(weights);
    }

    public IReadOnlyList<CourseProfile> Courses => _courses;

    /// <summary>Every course the person may take on the day, best first; <paramref name="top"/> cuts the list.</summary>
    public IReadOnlyList<CourseAdvice> CoursesFor(SeekerProfile person, DateOnly asOf, RegionLines lines, int top = int.MaxValue)
    {
        if (top <= 0 || !HardRules.SeekerAvailable(person))
        {
            return [];
        }
        var eligible = new List<(CourseProfile Course, double? Km)>();
        foreach (var course in _courses)
        {
            if (CourseRules.Check(person, course, asOf, out var km) is null)
            {
                eligible.Add((course, km));
            }
        }
        if (eligible.Count == 0)
        {
            return [];
        }

        // The positions the person could do but for required skills, grouped by what they lack.
        var gaps = new Dictionary<string, Gap>(StringComparer.Ordinal);
        void Consider(PositionProfile position)
        {
            if (HardRules.Check(person, position, asOf, out var km) is not null)
            {
                return;
            }
            var missing = CourseRules.Missing(person.Skills, position.RequiredSkills);
            if (missing.Count == 0)
            {
                return;
            }
            var key = missing.Count == 1 ? missing[0] : string.Join('|', missing.Order(StringComparer.Ordinal));
            if (!gaps.TryGetValue(key, out var gap))
            {
                gaps[key] = gap = new Gap(missing);
            }
            gap.Positions.Add((position, km));
        }
        var reachDeg = person.MaxCommuteKm / 110.5 * 1.01 + 1e-6;
        var from = LowerBound(_lats, person.Location.Lat - reachDeg);
        for (var i = from; i < _placed.Length && _lats[i] <= person.Location.Lat + reachDeg; i++)
        {
            Consider(_placed[i]);
        }
        foreach (var position in _remote)
        {
            Consider(position);
        }

        var advice = new List<CourseAdvice>(eligible.Count);
        foreach (var (course, km) in eligible)
        {
            List<UnlockedPosition>? unlocked = null;
            foreach (var gap in gaps.Values)
            {
                if (!gap.ClosedBy(course))
                {
                    continue;
                }
                gap.Value(person, lines, _ranker);
                foreach (var opened in gap.Valued!)
                {
                    (unlocked ??= []).Add(opened);
                }
            }
            var list = unlocked ?? [];
            list.Sort(static (a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Id, b.Id));
            advice.Add(Judge(person, course, km, list, asOf));
        }
        advice.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Id, b.Id));
        return advice.Count > top ? advice.GetRange(0, top) : advice;
    }

    /// <summary>The course's score in 0..1 and its reasons, from what it opens up and what it asks of the person.</summary>
    private static CourseAdvice Judge(SeekerProfile person, CourseProfile course, double? km, List<UnlockedPosition> unlocked, DateOnly asOf)
    {
        var value = 0.0;
        var welfare = 0;
        var promised = 0;
        double? nearest = null;
        var bestPay = 0.0;
        foreach (var opened in unlocked)
        {
            value += opened.Value;
            if (opened.Position.PublicWelfare)
            {
                welfare++;
            }
            if (course.ForPositions.Contains(opened.Id, StringComparer.Ordinal))
            {
                promised++;
            }
            if (opened.DistanceKm is { } d && (nearest is null || d < nearest))
            {
                nearest = d;
            }
            bestPay = Math.Max(bestPay, opened.Position.MonthlyWage);
        }
        var claim = Ranker.PriorityClaim(person);
        var days = course.StartDate.DayNumber - asOf.DayNumber;
        var score =
            0.55 * (1 - Math.Exp(-value / 2.0))
            + 0.15 * Math.Min(1, welfare / 3.0) * claim
            + 0.12 * (promised > 0 ? 1 : 0)
            + 0.06 * (course.Subsidized ? 1 : 0)
            + 0.06 * Math.Max(0, 1 - days / 60.0)
            + 0.06 * (km is { } k ? Math.Max(0, 1 - k / Math.Max(1, person.MaxCommuteKm)) : 1);

        var reasons = new List<MatchReason>();
        var count = unlocked.Count;
        reasons.Add((count, welfare, nearest) switch
        {
            (0, _, _) => new MatchReason(TrainingReasonCodes.UnlocksNothing),
            (_, > 0, { } n) => new MatchReason(TrainingReasonCodes.UnlocksWelfareNearest, count, welfare, n),
            (_, > 0, null) => new MatchReason(TrainingReasonCodes.UnlocksWelfare, count, welfare),
            (_, _, { } n) => new MatchReason(TrainingReasonCodes.UnlocksNearest, count, n),
            _ => new MatchReason(TrainingReasonCodes.Unlocks, count),
        });
        if (count > 0)
        {
            reasons.Add(new MatchReason(TrainingReasonCodes.BestPay, bestPay));
        }
        if (promised > 0)
        {
            reasons.Add(new MatchReason(TrainingReasonCodes.OrderBased, promised));
        }
        foreach (var skill in course.Skills)
        {
            if (CourseRules.LevelHeld(person.Skills, skill.Code) < skill.Level)
            {
                reasons.Add(new MatchReason(TrainingReasonCodes.Teaches, new TermArg(skill.Code), new LevelArg(skill.Level)));
            }
        }
        if (course.Subsidized)
        {
            reasons.Add(new MatchReason(TrainingReasonCodes.Subsidized));
        }
        reasons.Add(km is { } where
            ? new MatchReason(TrainingReasonCodes.Distance, where)
            : new MatchReason(TrainingReasonCodes.Online));
        reasons.Add(new MatchReason(TrainingReasonCodes.Starts, course.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), days));
        return new CourseAdvice(course.Id, course, score, km, unlocked, reasons);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    // Positions lacking the same required skills: a course opens all of them or none.
    private sealed class Gap(IReadOnlyList<string> missing)
    {
        public List<(PositionProfile Position, double? Km)> Positions { get; } = [];
        public List<UnlockedPosition>? Valued { get; private set; }

        public bool ClosedBy(CourseProfile course)
        {
            foreach (var code in missing)
            {
                if (CourseRules.LevelHeld(course.Skills, code) == 0)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Each position's match score as if the person held the missing skills at the basic level a
        /// course gives: scored once, whichever course closes the gap.
        /// </summary>
        public void Value(SeekerProfile person, RegionLines lines, Ranker ranker)
        {
            if (Valued is not null)
            {
                return;
            }
            var trained = person with { Skills = CourseRules.SkillsAfter(person.Skills, missing.Select(c => new SkillLevel(c, 1)).ToList()) };
            Valued = new List<UnlockedPosition>(Positions.Count);
            foreach (var (position, km) in Positions)
            {
                var features = ranker.Features(trained, position, km, 0, lines);
                Valued.Add(new UnlockedPosition(position.Id, position, km, ranker.Score(features, false)));
            }
        }
    }
}
