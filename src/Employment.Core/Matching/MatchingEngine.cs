using Employment.Core.Search;
using Lucene.Net.Search;

namespace Employment.Core.Matching;

/// <summary>
/// Matching in both directions over the job bank and the talent pool. What the contract's hard
/// rules exclude is never returned; the rest is ranked by <see cref="Ranker"/>. The result equals
/// <see cref="ExhaustiveMatcher"/>'s (same ids, order and scores) when there is no query: the
/// indexes only make it fast. Thread-safe; one instance can serve the whole application.
/// </summary>
public sealed class MatchingEngine
{
    private readonly JobBankIndex _jobBank;
    private readonly TalentPoolIndex _talentPool;
    private readonly Ranker _ranker;
    private readonly string[] _accommodationCodes;

    static MatchingEngine()
    {
        // A long commute lists many cells; the default of 1024 clauses is a guard, not a design limit.
        BooleanQuery.MaxClauseCount = Math.Max(BooleanQuery.MaxClauseCount, 16384);
    }

    public MatchingEngine(JobBankIndex jobBank, TalentPoolIndex talentPool, RankingWeights? weights = null)
    {
        _jobBank = jobBank;
        _talentPool = talentPool;
        _ranker = new Ranker(weights);
        _accommodationCodes = Taxonomy.Taxonomy.Embedded.Accommodations.Select(a => a.Code).ToArray();
    }

    public RankingWeights Weights => _ranker.Weights;

    /// <summary>The best open positions for a seeker, best first.</summary>
    public IReadOnlyList<PositionMatch> PositionsFor(SeekerProfile seeker, MatchRequest request)
    {
        if (request.Top <= 0 || !HardRules.SeekerAvailable(seeker))
        {
            return [];
        }
        var withQuery = !string.IsNullOrWhiteSpace(request.Query);
        var w = _ranker.Weights;
        var graph = _ranker.Skills;

        var required = new List<(Query, Occur)> { (Queries.Term(JobBankFields.Available, "1"), Occur.MUST) };
        foreach (var limit in seeker.Limits)
        {
            required.Add((Queries.Term(JobBankFields.Demand, limit), Occur.MUST_NOT));
        }
        foreach (var need in seeker.Needs.Distinct(StringComparer.Ordinal))
        {
            required.Add((Queries.Term(JobBankFields.Offers, need), Occur.MUST));
        }
        var ranges = new List<DocValuesRange>
        {
            new(JobBankFields.ValidUntil, request.AsOf.DayNumber, long.MaxValue),
            new(JobBankFields.MinAge, long.MinValue, seeker.Age),
            new(JobBankFields.MaxAge, seeker.Age, long.MaxValue),
            new(JobBankFields.MinEducation, long.MinValue, (long)seeker.Education),
        };
        if (seeker.MaxHoursPerWeek is { } maxHours)
        {
            ranges.Add(new(JobBankFields.HoursCap, long.MinValue, (long)Math.Ceiling(maxHours * 100)));
        }

        // Skill tiers: a required skill held; else a related or preferred one; else none (skill
        // feature 0). The first two are small: searched whole over the seeker's reach.
        var held = seeker.Skills.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var bestHeld = seeker.Skills.Count == 0 ? 0 : seeker.Skills.Max(_ranker.HeldCredit);
        var relatedOnly = held.SelectMany(graph.Neighbours).Where(c => !held.Contains(c) && !graph.IsCertificate(c)).ToHashSet(StringComparer.Ordinal);
        var tier1 = Queries.AnyOf(JobBankFields.Required, held);
        var tier2 = Queries.AnyOf((JobBankFields.Required, relatedOnly), (JobBankFields.Preferred, held.Concat(relatedOnly)));
        var unbounded = seeker.MaxCommuteKm > Rings.CapKm;
        var near = NearOrRemote.Around(seeker.Location, seeker.MaxCommuteKm, JobBankFields.Lat, JobBankFields.Lon, JobBankFields.IsRemote);

        var accommodation = seeker.DisabilityType is null ? 0 : Ranker.Severity(seeker);
        var priority = Math.Max(Ranker.PriorityClaim(seeker), 0.5);
        var bestLocation = seeker.PrefersRemote ? 1.0 : Math.Max(1.0, w.RemoteNeutral);
        var buckets = new List<Bucket>();
        void Add(double skills, double location, params Query?[] parts)
        {
            var clauses = new List<(Query, Occur)>(required);
            clauses.AddRange(parts.OfType<Query>().Select(q => (q, Occur.MUST)));
            buckets.Add(new Bucket(Queries.All(clauses), _ranker.Bound(new MatchFeatures(skills, accommodation, location, 1, priority, 0), withQuery)));
        }
        if (tier1 is not null)
        {
            Add(bestHeld, bestLocation, tier1);
        }
        if (tier2 is not null)
        {
            Add(0.7 * w.RelatedCredit * bestHeld + 0.3 * bestHeld, bestLocation, tier2);
        }
        // No skill in common: ring by ring outwards, then remote work, then (for a very long commute) the rest.
        var nearFactor = seeker.PrefersRemote ? w.RemoteNeutral : 1.0;
        foreach (var (cells, minKm) in Rings.Around(seeker.Location, seeker.MaxCommuteKm, JobBankFields.Cell, JobBankFields.CoarseCell))
        {
            Add(0, Ranker.Decay(minKm, seeker.MaxCommuteKm) * nearFactor, cells);
        }
        Add(0, seeker.PrefersRemote ? 1.0 : w.RemoteNeutral, Queries.Term(JobBankFields.Cell, JobBankFields.RemoteCell));
        if (unbounded)
        {
            Add(0, Ranker.Decay(Rings.CapKm, seeker.MaxCommuteKm) * nearFactor);
        }

        var store = _jobBank.Store;
        var top = new TopMatches<PositionProfile>(request.Top);
        var searcher = store.AcquireSearcher();
        try
        {
            var search = new BucketSearch<PositionProfile>(store, searcher, new DocValuesFilter(ranges, near), top, (position, text) =>
            {
                if (HardRules.Check(seeker, position, request.AsOf, out var km) is not null)
                {
                    return null;
                }
                var features = _ranker.Features(seeker, position, km, text, request.Lines);
                return new Scored<PositionProfile>(_ranker.Score(features, withQuery), position.Id, position, km, features);
            });
            if (withQuery && TextAnalysis.BuildQuery(store.Analyzer, request.Query, ConceptMap.Embedded) is { } text)
            {
                search.SearchText(text, Queries.All(required), w.TextWindow);
            }
            search.Search(buckets);
        }
        finally
        {
            store.ReleaseSearcher(searcher);
        }
        return top.BestFirst()
            .Select(s => new PositionMatch(s.Id, s.Score, s.DistanceKm, _ranker.Explain(seeker, s.Profile, s.DistanceKm, s.Features, request.Lines), s.Features))
            .ToList();
    }

    /// <summary>The best candidates in the talent pool for a position, best first.</summary>
    public IReadOnlyList<SeekerMatch> SeekersFor(PositionProfile position, MatchRequest request)
    {
        if (request.Top <= 0 || !HardRules.PositionAvailable(position, request.AsOf))
        {
            return [];
        }
        var withQuery = !string.IsNullOrWhiteSpace(request.Query);
        var w = _ranker.Weights;
        var graph = _ranker.Skills;
        var remote = position.Remote || position.Location is null;

        // Needs are left to verification: few seekers have any, and a MUST_NOT for every
        // accommodation not offered would cost more in term look-ups than it saves.
        var required = new List<(Query, Occur)> { (Queries.Term(TalentPoolFields.Available, "1"), Occur.MUST) };
        foreach (var demand in position.Demands)
        {
            required.Add((Queries.Term(TalentPoolFields.Limit, demand), Occur.MUST_NOT));
        }
        if (!remote)
        {
            required.Add((Queries.Term(TalentPoolFields.Reach, GeoGrid.Term(GeoGrid.Coarse.CellOf(position.Location!.Value))), Occur.MUST));
        }
        var ranges = new List<DocValuesRange>
        {
            new(TalentPoolFields.Age, position.MinAge ?? long.MinValue, position.MaxAge ?? long.MaxValue),
            new(TalentPoolFields.Education, (long?)position.MinEducation ?? long.MinValue, long.MaxValue),
        };
        if (!HardRules.OffersShorterHours(position))
        {
            ranges.Add(new(TalentPoolFields.MaxHours, (long)Math.Floor(position.HoursPerWeek * 100), long.MaxValue));
        }

        var helps = Enum.GetValues<Domain.DisabilityType>()
            .Max(t => (double)Ranker.HelpfulFor(t).Count(c => HardRules.Offers(position, c)) / Ranker.HelpfulFor(t).Count);
        var households = position.PublicWelfare
            ? new List<(Query? Clause, double Priority)>
            {
                (Queries.Term(TalentPoolFields.Priority, "1"), 1.0),
                (Queries.Term(TalentPoolFields.Priority, "r"), 0.4),
                (Queries.Term(TalentPoolFields.Priority, "0"), 0.0),
            }
            : [(null, 0.5)];
        var buckets = new List<Bucket>();
        void Add(double skills, IEnumerable<(Query? Clause, double Location)> places, params Query?[] parts)
        {
            foreach (var (place, location) in places)
            {
                foreach (var (household, priority) in households)
                {
                    var clauses = new List<(Query, Occur)>(required);
                    clauses.AddRange(parts.Append(place).Append(household).OfType<Query>().Select(q => (q, Occur.MUST)));
                    buckets.Add(new Bucket(Queries.All(clauses), _ranker.Bound(new MatchFeatures(skills, helps, location, 1, priority, 0), withQuery)));
                }
            }
        }
        var anywhere = remote
            ? new List<(Query?, double)> { (Queries.Term(TalentPoolFields.PrefersRemote, "1"), 1.0), (Queries.Term(TalentPoolFields.PrefersRemote, "0"), w.RemoteNeutral) }
            : [(null, 1.0)];

        // Skill tiers: a required skill held, experts first; else a related or preferred one; else none.
        var preferredShare = position.PreferredSkills.Count > 0 ? 0.3 : 0;
        var requiredOrdinary = position.RequiredSkills.Where(c => !graph.IsCertificate(c)).ToList();
        var requiredLicences = position.RequiredSkills.Where(graph.IsCertificate).ToList();
        var levelTiers = new (int Level, IEnumerable<string> Licences)[] { (3, requiredLicences), (2, []), (1, []) };
        foreach (var (level, licences) in levelTiers)
        {
            var tier = Queries.AnyOf((TalentPoolFields.SkillLevel, requiredOrdinary.Select(c => TalentPoolSchema.SkillLevelTerm(c, level))),
                (TalentPoolFields.Skill, licences));
            if (tier is not null)
            {
                Add(0.7 * Ranker.LevelCredit(level) + preferredShare, anywhere, tier);
            }
        }
        var nearSkills = requiredOrdinary.Concat(position.PreferredSkills.Where(c => !graph.IsCertificate(c)))
            .SelectMany(graph.Neighbours)
            .Concat(position.PreferredSkills)
            .Where(c => !position.RequiredSkills.Contains(c));
        if (Queries.AnyOf(TalentPoolFields.Skill, nearSkills) is { } tier2)
        {
            Add(0.7 * (requiredOrdinary.Count > 0 ? w.RelatedCredit : 0) + preferredShare, anywhere, tier2);
        }

        // No skill in common: ring by ring outwards from the position, or by remote preference.
        if (remote)
        {
            Add(0, anywhere);
        }
        else
        {
            var longest = Math.Max(_talentPool.LongestCommuteKm, 0.1);
            var rings = Rings.Around(position.Location!.Value, longest, TalentPoolFields.Home, TalentPoolFields.CoarseHome)
                .Select(r => ((Query?)r.Cells, Ranker.Decay(r.MinKm, longest))).ToList();
            if (longest > Rings.CapKm)
            {
                rings.Add((null, Ranker.Decay(Rings.CapKm, longest)));
            }
            Add(0, rings);
        }

        var store = _talentPool.Store;
        var top = new TopMatches<SeekerProfile>(request.Top);
        var searcher = store.AcquireSearcher();
        try
        {
            var search = new BucketSearch<SeekerProfile>(store, searcher, new DocValuesFilter(ranges), top, (seeker, text) =>
            {
                if (HardRules.Check(seeker, position, request.AsOf, out var km) is not null)
                {
                    return null;
                }
                var features = _ranker.Features(seeker, position, km, text, request.Lines);
                return new Scored<SeekerProfile>(_ranker.Score(features, withQuery), seeker.Id, seeker, km, features);
            });
            if (withQuery && TextAnalysis.BuildQuery(store.Analyzer, request.Query, ConceptMap.Embedded) is { } text)
            {
                search.SearchText(text, Queries.All(required), w.TextWindow);
            }
            search.Search(buckets);
        }
        finally
        {
            store.ReleaseSearcher(searcher);
        }
        return top.BestFirst()
            .Select(s => new SeekerMatch(s.Id, s.Score, s.DistanceKm, _ranker.Explain(s.Profile, position, s.DistanceKm, s.Features, request.Lines), s.Features))
            .ToList();
    }
}
