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
        var reachLat = person.MaxCommuteKm / 110.5 * 1.01 + 1e-6;
        var reachLon = person.MaxCommuteKm / (110.5 * Math.Max(0.05, Math.Cos((Math.Abs(person.Location.Lat) + reachLat) * Math.PI / 180))) * 1.01 + 1e-6;
        var from = LowerBound(_lats, person.Location.Lat - reachLat);
        for (var i = from; i < _placed.Length && _lats[i] <= person.Location.Lat + reachLat; i++)
        {
            // A cheap box test first: most of a latitude band is too far east or west.
            if (Math.Abs(_placed[i].Location!.Value.Lon - person.Location.Lon) <= reachLon)
            {
                Consider(_placed[i]);
            }
        }
        foreach (var position in _remote)
        {
            Consider(position);
        }

        // Which gaps each course closes; only positions some course opens are valued, once, and
        // ranked once for all courses, so a course's list is a sort of small integers. A gap is
        // tried only against the courses teaching its first missing skill.
        var closing = new List<Gap>[eligible.Count];
        var valued = new List<UnlockedPosition>();
        var teaching = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var c = 0; c < eligible.Count; c++)
        {
            foreach (var skill in eligible[c].Course.Skills)
            {
                if (!teaching.TryGetValue(skill.Code, out var list))
                {
                    teaching[skill.Code] = list = [];
                }
                list.Add(c);
            }
        }
        foreach (var gap in gaps.Values)
        {
            if (!teaching.TryGetValue(gap.Missing[0], out var teachers))
            {
                continue;
            }
            foreach (var c in teachers)
            {
                if (gap.ClosedBy(eligible[c].Course))
                {
                    (closing[c] ??= []).Add(gap);
                    gap.Value(person, lines, _ranker, valued);
                }
            }
        }
        var order = new int[valued.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) => valued[a].Value != valued[b].Value ? valued[b].Value.CompareTo(valued[a].Value) : string.CompareOrdinal(valued[a].Id, valued[b].Id));
        var rank = new int[valued.Count];
        for (var r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        var advice = new List<CourseAdvice>(eligible.Count);
        var ranks = new List<int>();
        for (var c = 0; c < eligible.Count; c++)
        {
            var (course, km) = eligible[c];
            ranks.Clear();
            var summary = new Summary();
            if (closing[c] is { } closed)
            {
                foreach (var gap in closed)
                {
                    summary.Add(gap.Summary);
                    for (var i = gap.First; i < gap.First + gap.Positions.Count; i++)
                    {
                        ranks.Add(rank[i]);
                    }
                }
            }
            ranks.Sort();
            var unlocked = new UnlockedPosition[ranks.Count];
            for (var i = 0; i < unlocked.Length; i++)
            {
                unlocked[i] = valued[order[ranks[i]]];
            }
            var promised = 0;
            foreach (var id in course.ForPositions)
            {
                if (closing[c] is { } gapsClosed && gapsClosed.Exists(g => g.Holds(id)))
                {
                    promised++;
                }
            }
            advice.Add(Judge(person, course, km, unlocked, summary, promised, asOf));
        }
        advice.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Id, b.Id));
        return advice.Count > top ? advice.GetRange(0, top) : advice;
    }

    /// <summary>The course's score in 0..1 and its reasons, from what it opens up and what it asks of the person.</summary>
    private static CourseAdvice Judge(SeekerProfile person, CourseProfile course, double? km, UnlockedPosition[] unlocked, Summary summary, int promised, DateOnly asOf)
    {
        var (value, welfare, nearest, bestPay) = (summary.Value, summary.Welfare, summary.Nearest, summary.BestPay);
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
        var count = unlocked.Length;
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

    /// <summary>What a course's ranking needs of the positions it opens, summed gap by gap.</summary>
    private struct Summary
    {
        public double Value;
        public int Welfare;
        public double? Nearest;
        public double BestPay;

        public void Add(in Summary other)
        {
            Value += other.Value;
            Welfare += other.Welfare;
            if (other.Nearest is { } n && (Nearest is null || n < Nearest))
            {
                Nearest = n;
            }
            BestPay = Math.Max(BestPay, other.BestPay);
        }
    }

    // Positions lacking the same required skills: a course opens all of them or none.
    private sealed class Gap(IReadOnlyList<string> missing)
    {
        public IReadOnlyList<string> Missing => missing;

        private HashSet<string>? _ids;

        public List<(PositionProfile Position, double? Km)> Positions { get; } = [];
        /// <summary>Where this gap's positions start in the call's list of valued positions; -1 until valued.</summary>
        public int First { get; private set; } = -1;
        public Summary Summary;

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

        public bool Holds(string positionId) =>
            (_ids ??= Positions.Select(p => p.Position.Id).ToHashSet(StringComparer.Ordinal)).Contains(positionId);

        /// <summary>
        /// What the position is worth to the person once trained: the match score's parts other than
        /// skills (which the course makes the same for every position it opens): accommodation,
        /// distance against the person's commute, pay against their wish and the household's lines,
        /// public-welfare priority. Valued once, whichever course closes the gap.
        /// </summary>
        public void Value(SeekerProfile person, RegionLines lines, Ranker ranker, List<UnlockedPosition> valued)
        {
            if (First >= 0)
            {
                return;
            }
            First = valued.Count;
            var w = ranker.Weights;
            var total = w.Accommodation + w.Location + w.Pay + w.Priority;
            foreach (var (position, km) in Positions)
            {
                var value = total <= 0 ? 0 : (w.Accommodation * Ranker.AccommodationFit(person, position)
                    + w.Location * ranker.LocationFit(person, position, km)
                    + w.Pay * ranker.PayFit(person, position, lines)
                    + w.Priority * Ranker.PriorityFit(person, position)) / total;
                var opened = new UnlockedPosition(position.Id, position, km, value);
                valued.Add(opened);
                Summary.Value += opened.Value;
                Summary.Welfare += position.PublicWelfare ? 1 : 0;
                if (km is { } d && (Summary.Nearest is null || d < Summary.Nearest))
                {
                    Summary.Nearest = d;
                }
                Summary.BestPay = Math.Max(Summary.BestPay, position.MonthlyWage);
            }
        }
    }
}
