using Employment.Core.Taxonomy;
using System.Numerics;
using Employment.Core.Search;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Employment.Core.Matching;

/// <summary>
/// Matching in both directions over the job bank and the talent pool. What the contract's hard
/// rules exclude is never returned; the rest is ranked by <see cref="Ranker"/>. The result equals
/// <see cref="ExhaustiveMatcher"/>'s (same ids, order and scores) when there is no query: the
/// indexes only make it fast. Thread-safe; one instance can serve the whole application.
/// </summary>
/// <remarks>
/// Exact top-K without scoring everything. The candidates are cut into buckets whose best
/// possible score is known (a skill tier from the index's postings; a grid cell of documents by
/// household group; the remote positions), searched best bound first; the search stops when the
/// K-th score found beats every bucket left. Inside a bucket each document is first checked
/// against the hard rules from its segment's columns, then given its own bound (exact pay,
/// priority and accommodation, distance from its cell), and only a document whose bound can still
/// enter the top K is verified by <see cref="HardRules"/> and scored by <see cref="Ranker"/>.
/// </remarks>
public sealed class MatchingEngine
{
    private readonly JobBankIndex _jobBank;
    private readonly TalentPoolIndex _talentPool;
    private readonly Ranker _ranker;

    static MatchingEngine()
    {
        // The text query lists every token; the default of 1024 clauses is a guard, not a design limit.
        BooleanQuery.MaxClauseCount = Math.Max(BooleanQuery.MaxClauseCount, 16384);
    }

    public MatchingEngine(JobBankIndex jobBank, TalentPoolIndex talentPool, RankingWeights? weights = null)
    {
        _jobBank = jobBank;
        _talentPool = talentPool;
        _ranker = new Ranker(weights);
    }

    public RankingWeights Weights => _ranker.Weights;

    /// <summary>The best open positions for a seeker, best first.</summary>
    public IReadOnlyList<PositionMatch> PositionsFor(SeekerProfile seeker, MatchRequest request)
    {
        if (request.Top <= 0 || !HardRules.SeekerAvailable(seeker))
        {
            return [];
        }
        var store = _jobBank.Store;
        var top = new TopMatches<PositionProfile>(request.Top);
        var searcher = store.AcquireSearcher();
        try
        {
            new PositionSearch(this, seeker, request, searcher, top).Run();
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
        var store = _talentPool.Store;
        var top = new TopMatches<SeekerProfile>(request.Top);
        var searcher = store.AcquireSearcher();
        try
        {
            new SeekerSearch(this, position, request, searcher, top).Run();
        }
        finally
        {
            store.ReleaseSearcher(searcher);
        }
        return top.BestFirst()
            .Select(s => new SeekerMatch(s.Id, s.Score, s.DistanceKm, _ranker.Explain(s.Profile, position, s.DistanceKm, s.Features, request.Lines), s.Features))
            .ToList();
    }

    /// <summary>Positions for one seeker.</summary>
    private sealed class PositionSearch
    {
        private readonly Ranker _ranker;
        private readonly RankingWeights _w;
        private readonly SeekerProfile _seeker;
        private readonly MatchRequest _request;
        private readonly IndexSearcher _searcher;
        private readonly TopMatches<PositionProfile> _top;
        private readonly LuceneIndex<PositionProfile> _store;
        private readonly bool _withQuery;
        private readonly ulong _limits;
        private readonly ulong _needs;
        private readonly int _asOf;
        private readonly double _accommodationMax;
        private readonly ulong _helpful;
        private readonly int _helpfulCount;
        private readonly bool _helpfulExact;
        private readonly double _nearFactor;
        private readonly double _remoteLocation;
        private readonly double _minLat;
        private readonly double _maxLat;
        private readonly double _minLon;
        private readonly double _maxLon;

        public PositionSearch(MatchingEngine engine, SeekerProfile seeker, MatchRequest request, IndexSearcher searcher, TopMatches<PositionProfile> top)
        {
            _ranker = engine._ranker;
            _w = _ranker.Weights;
            _seeker = seeker;
            _request = request;
            _searcher = searcher;
            _top = top;
            _store = engine._jobBank.Store;
            _withQuery = !string.IsNullOrWhiteSpace(request.Query);
            _limits = CodeBits.DemandMask(seeker.Limits);
            _needs = CodeBits.AccommodationMask(seeker.Needs);
            _asOf = request.AsOf.DayNumber;
            if (seeker.DisabilityType is { } type)
            {
                var helpful = Ranker.HelpfulFor(type);
                _accommodationMax = Ranker.Severity(seeker);
                _helpful = CodeBits.AccommodationMask(helpful);
                _helpfulCount = helpful.Count;
                // A helpful code without a bit would be undercounted: then bound by the maximum.
                _helpfulExact = BitOperations.PopCount(_helpful) == helpful.Count;
            }
            _nearFactor = seeker.PrefersRemote ? _w.RemoteNeutral : 1.0;
            _remoteLocation = seeker.PrefersRemote ? 1.0 : _w.RemoteNeutral;
            var dLat = seeker.MaxCommuteKm * 1.02 / 110.5 + 1e-6;
            var dLon = seeker.MaxCommuteKm * 1.02 / (111.0 * Math.Max(0.05, Math.Cos((Math.Abs(seeker.Location.Lat) + dLat) * Math.PI / 180))) + 1e-6;
            (_minLat, _maxLat, _minLon, _maxLon) = (seeker.Location.Lat - dLat, seeker.Location.Lat + dLat, seeker.Location.Lon - dLon, seeker.Location.Lon + dLon);
        }

        public void Run()
        {
            var leaves = _searcher.IndexReader.Leaves;
            var views = new JobBankView[leaves.Count];
            var live = new IBits?[leaves.Count];
            for (var i = 0; i < leaves.Count; i++)
            {
                views[i] = (JobBankView)_store.ViewOf(leaves[i].AtomicReader)!;
                live[i] = leaves[i].AtomicReader.LiveDocs;
            }
            var scratch = SearchScratch.Begin();

            // The kiosk's and the public API's analysis (PositionTextQuery), so a word finds the same positions for the counselor.
            if (_withQuery && PositionTextQuery.Build(_request.Query, _searcher.IndexReader) is { } plan)
            {
                foreach (var (leaf, doc, score) in TextWindow.Search(_searcher, plan.Query, TextCandidates(), TextRules(), _w.TextWindow))
                {
                    var view = views[leaf];
                    var row = view.RowOf[doc];
                    var stamps = scratch.StampsFor(view, view.MaxDoc);
                    if (stamps[row] != scratch.Epoch && view.Profiles[row] is { } position)
                    {
                        stamps[row] = scratch.Epoch;
                        Evaluate(position, score);
                    }
                }
            }

            var graph = _ranker.Skills;
            var held = _seeker.Skills.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
            var bestHeld = _seeker.Skills.Count == 0 ? 0 : _seeker.Skills.Max(_ranker.HeldCredit);
            var relatedOnly = held.SelectMany(graph.Neighbours).Where(c => !held.Contains(c) && !graph.IsCertificate(c)).ToHashSet(StringComparer.Ordinal);
            var priorityMax = Math.Max(Ranker.PriorityClaim(_seeker), 0.5);
            var buckets = scratch.Buckets;

            // Skill tiers, by coarse cell: a required skill held; else a related one required or one preferred.
            var areas = scratch.Areas;
            areas.Clear();
            foreach (var (cell, minKm) in GeoGrid.Coarse.CellsWithin(_seeker.Location, _seeker.MaxCommuteKm))
            {
                // Shaved: a coarse cell's bound must never fall below that of a fine cell inside it.
                areas.Add((MatchGrid.Key(cell), Math.Max(0, minKm - 0.001)));
            }
            var tier1 = bestHeld;
            var tier2 = 0.7 * _w.RelatedCredit * bestHeld + 0.3 * bestHeld;
            AddTier(buckets, views, JobBankFields.Required, held, tier1, priorityMax);
            AddTier(buckets, views, JobBankFields.Required, relatedOnly, tier2, priorityMax);
            AddTier(buckets, views, JobBankFields.Preferred, held, tier2, priorityMax);
            AddTier(buckets, views, JobBankFields.Preferred, relatedOnly, tier2, priorityMax);

            // No skill in common: the remote positions, and cell by cell outwards, by group.
            for (var group = 0; group < 2; group++)
            {
                var remoteBound = Bound(0, _accommodationMax, _remoteLocation, 1, GroupPriority(group));
                for (var v = 0; v < views.Length; v++)
                {
                    if (views[v].Remote[group].Length > 0)
                    {
                        buckets.Add(new Bucket(remoteBound, buckets.Count, BucketKind.Remote, v, views[v].Remote[group], 0, 0));
                    }
                }
            }
            scratch.SortBuckets();
            var present = 0;
            foreach (var view in views)
            {
                present += view.Cells[0].Count + view.Cells[1].Count;
            }
            var cells = scratch.Cells;
            CellWalk.Around(_seeker.Location, _seeker.MaxCommuteKm, present,
                views.SelectMany(v => v.Cells[0].Keys.Concat(v.Cells[1].Keys)).Distinct(), cells);
            cells.Sort(static (x, y) => x.MinKm.CompareTo(y.MinKm));

            // Best bound first across the fixed buckets and the two cell streams; fixed buckets win ties.
            var next = 0;
            Span<int> nextCell = stackalloc int[2];
            while (true)
            {
                var best = next < buckets.Count ? buckets[next].Bound : double.NegativeInfinity;
                var pick = -1;
                for (var group = 0; group < 2; group++)
                {
                    if (nextCell[group] < cells.Count)
                    {
                        var bound = CellBound(group, cells[nextCell[group]].MinKm);
                        if (bound > best)
                        {
                            (best, pick) = (bound, group);
                        }
                    }
                }
                // Strictly greater: an equal score in the bucket could still win on id.
                if (double.IsNegativeInfinity(best) || (_top.IsFull && _top.Threshold > best))
                {
                    break;
                }
                if (pick < 0)
                {
                    var bucket = buckets[next++];
                    Scan(bucket, views[bucket.View], live[bucket.View], scratch);
                    continue;
                }
                var (key, minKm) = cells[nextCell[pick]++];
                for (var v = 0; v < views.Length; v++)
                {
                    if (views[v].Cells[pick].TryGetValue(key, out var docs))
                    {
                        Scan(new Bucket(best, 0, BucketKind.Cell, v, docs, 0, minKm), views[v], live[v], scratch);
                    }
                }
            }
        }

        private double GroupPriority(int group) => group == 1 ? Ranker.PriorityClaim(_seeker) : 0.5;

        private double CellBound(int group, double minKm) =>
            Bound(0, _accommodationMax, Ranker.Decay(minKm, _seeker.MaxCommuteKm) * _nearFactor, 1, GroupPriority(group));

        private void AddTier(List<Bucket> buckets, JobBankView[] views, string field, IEnumerable<string> codes, double skills, double priorityMax)
        {
            var areas = SearchScratch.Current.Areas;
            foreach (var code in codes)
            {
                for (var v = 0; v < views.Length; v++)
                {
                    if (views[v].PostingsOf(field, code) is not { } byArea)
                    {
                        continue;
                    }
                    if (byArea.TryGetValue(JobBankView.RemoteArea, out var remote))
                    {
                        buckets.Add(new Bucket(Bound(skills, _accommodationMax, _remoteLocation, 1, priorityMax), buckets.Count, BucketKind.Tier, v, remote, skills, 0));
                    }
                    foreach (var (key, minKm) in areas)
                    {
                        if (byArea.TryGetValue(key, out var docs))
                        {
                            var location = Ranker.Decay(minKm, _seeker.MaxCommuteKm) * _nearFactor;
                            buckets.Add(new Bucket(Bound(skills, _accommodationMax, location, 1, priorityMax), buckets.Count, BucketKind.Tier, v, docs, skills, 0));
                        }
                    }
                }
            }
        }

        private void Scan(in Bucket bucket, JobBankView view, IBits? live, SearchScratch scratch)
        {
            var stamps = scratch.StampsFor(view, view.MaxDoc);
            var epoch = scratch.Epoch;
            var docOf = view.DocOf;
            var columns = view.Columns;
            var seekerAt = _seeker.Location;
            var commute = _seeker.MaxCommuteKm;
            var seekerLines = _request.Lines.For(_seeker.HouseholdId);
            foreach (var doc in bucket.Docs)
            {
                // (doc is a row of the view: see SegmentView.)
                if (stamps[doc] == epoch || (live is not null && !live.Get(docOf[doc])))
                {
                    continue;
                }
                stamps[doc] = epoch;
                ref readonly var c = ref columns[doc];
                if (!Admits(in c))
                {
                    continue;
                }
                var accommodation = Accommodation(in c);
                var pay = _ranker.PayFit(_seeker.DesiredWage ?? 0, _seeker.Household.MonthlyIncome, _seeker.Household.Size, c.Wage, seekerLines);
                var priority = c.PublicWelfare ? Ranker.PriorityClaim(_seeker) : 0.5;
                double location;
                if (c.Remote)
                {
                    location = _remoteLocation;
                }
                else
                {
                    if (bucket.Kind == BucketKind.Cell)
                    {
                        // The cell's nearest point first: most documents stop here, without a distance.
                        if (_top.IsFull && _top.Threshold > Bound(bucket.Skills, accommodation, Ranker.Decay(bucket.MinKm, commute) * _nearFactor, pay, priority))
                        {
                            continue;
                        }
                    }
                    else if (c.Lat < _minLat || c.Lat > _maxLat || c.Lon < _minLon || c.Lon > _maxLon)
                    {
                        continue;
                    }
                    var km = Geo.DistanceKm(seekerAt, new GeoPoint(c.Lat, c.Lon));
                    if (km > commute)
                    {
                        continue;
                    }
                    location = Ranker.Decay(km, commute) * _nearFactor;
                }
                if (_top.IsFull && _top.Threshold > Bound(bucket.Skills, accommodation, location, pay, priority))
                {
                    continue;
                }
                if (view.Profiles[doc] is { } position)
                {
                    Evaluate(position, 0);
                }
            }
        }

        /// <summary>Rules 1, 3, 4, 6 and 7 from the columns; rule 2 was checked once, rule 5 by distance.</summary>
        private bool Admits(in PositionColumns c) =>
            c.Available && !c.Unreachable && c.ValidUntil >= _asOf
            && (c.Demands & _limits) == 0 && (_needs & ~c.Offers) == 0
            && _seeker.Age >= c.MinAge && _seeker.Age <= c.MaxAge && (int)_seeker.Education >= c.MinEducation
            && (_seeker.MaxHoursPerWeek is not { } hours || c.Hours <= hours || c.ShorterHours);

        private double Accommodation(in PositionColumns c) =>
            _accommodationMax == 0 ? 0
            : _helpfulExact ? _accommodationMax * BitOperations.PopCount(c.Offers & _helpful) / _helpfulCount
            : _accommodationMax;

        private double Bound(double skills, double accommodation, double location, double pay, double priority) =>
            _ranker.Bound(new MatchFeatures(skills, accommodation, location, pay, priority, 0), _withQuery);

        private void Evaluate(PositionProfile position, double text)
        {
            if (HardRules.Check(_seeker, position, _request.AsOf, out var km) is not null)
            {
                return;
            }
            var features = _ranker.Features(_seeker, position, km, text, _request.Lines);
            _top.Offer(new Scored<PositionProfile>(_ranker.Score(features, _withQuery), position.Id, position, km, features));
        }

        private BooleanQuery TextCandidates()
        {
            var required = new List<(Query, Occur)> { (Queries.Term(JobBankFields.Available, "1"), Occur.MUST) };
            foreach (var limit in _seeker.Limits.Distinct(StringComparer.Ordinal))
            {
                required.Add((Queries.Term(JobBankFields.Demand, limit), Occur.MUST_NOT));
            }
            foreach (var need in _seeker.Needs.Distinct(StringComparer.Ordinal))
            {
                required.Add((Queries.Term(JobBankFields.Offers, need), Occur.MUST));
            }
            return Queries.All(required);
        }

        private DocValuesFilter TextRules()
        {
            var ranges = new List<DocValuesRange>
            {
                new(JobBankFields.ValidUntil, _asOf, long.MaxValue),
                new(JobBankFields.MinAge, long.MinValue, _seeker.Age),
                new(JobBankFields.MaxAge, _seeker.Age, long.MaxValue),
                new(JobBankFields.MinEducation, long.MinValue, (long)_seeker.Education),
            };
            if (_seeker.MaxHoursPerWeek is { } maxHours)
            {
                ranges.Add(new(JobBankFields.HoursCap, long.MinValue, (long)Math.Ceiling(maxHours * 100)));
            }
            return new DocValuesFilter(ranges, NearOrRemote.Around(_seeker.Location, _seeker.MaxCommuteKm, JobBankFields.Lat, JobBankFields.Lon, JobBankFields.IsRemote));
        }
    }

    /// <summary>Seekers for one position.</summary>
    private sealed class SeekerSearch
    {
        private readonly Ranker _ranker;
        private readonly RankingWeights _w;
        private readonly PositionProfile _position;
        private readonly MatchRequest _request;
        private readonly IndexSearcher _searcher;
        private readonly TopMatches<SeekerProfile> _top;
        private readonly LuceneIndex<SeekerProfile> _store;
        private readonly bool _withQuery;
        private readonly bool _remote;
        private readonly GeoPoint _where;
        private readonly ulong _demands;
        private readonly ulong _offers;
        private readonly int _minAge;
        private readonly int _maxAge;
        private readonly int _minEducation;
        private readonly bool _shorterHours;
        private readonly double[] _helps;
        private readonly double _helpsMax;

        public SeekerSearch(MatchingEngine engine, PositionProfile position, MatchRequest request, IndexSearcher searcher, TopMatches<SeekerProfile> top)
        {
            _ranker = engine._ranker;
            _w = _ranker.Weights;
            _position = position;
            _request = request;
            _searcher = searcher;
            _top = top;
            _store = engine._talentPool.Store;
            _withQuery = !string.IsNullOrWhiteSpace(request.Query);
            _remote = position.Remote;
            _where = position.Location ?? default;
            _demands = CodeBits.DemandMask(position.Demands);
            _offers = CodeBits.AccommodationMask(position.Remote ? position.Accommodations.Concat(HardRules.MetByRemote) : position.Accommodations);
            _minAge = position.MinAge ?? int.MinValue;
            _maxAge = position.MaxAge ?? int.MaxValue;
            _minEducation = (int?)position.MinEducation ?? int.MinValue;
            _shorterHours = HardRules.OffersShorterHours(position);
            // Share of what helps each disability type that the workplace offers (severity aside).
            _helps = TalentPoolView.DisabilityTypes
                .Select(t => (double)Ranker.HelpfulFor(t).Count(c => HardRules.Offers(position, c)) / Ranker.HelpfulFor(t).Count)
                .ToArray();
            _helpsMax = _helps.Max();
        }

        public void Run()
        {
            // A non-remote position without a location reaches nobody (rule 5).
            if (!_remote && _position.Location is null)
            {
                return;
            }
            var leaves = _searcher.IndexReader.Leaves;
            var views = new TalentPoolView[leaves.Count];
            var live = new IBits?[leaves.Count];
            var longest = 0.0;
            for (var i = 0; i < leaves.Count; i++)
            {
                views[i] = (TalentPoolView)_store.ViewOf(leaves[i].AtomicReader)!;
                live[i] = leaves[i].AtomicReader.LiveDocs;
                longest = Math.Max(longest, views[i].LongestCommuteKm);
            }
            var scratch = SearchScratch.Begin();

            if (_withQuery && TextAnalysis.BuildQuery(_store.Analyzer, _request.Query, ConceptScanner.Embedded) is { } text)
            {
                foreach (var (leaf, doc, score) in TextWindow.Search(_searcher, text, TextCandidates(), TextRules(), _w.TextWindow))
                {
                    var view = views[leaf];
                    var row = view.RowOf[doc];
                    var stamps = scratch.StampsFor(view, view.MaxDoc);
                    if (stamps[row] != scratch.Epoch && view.Profiles[row] is { } seeker)
                    {
                        stamps[row] = scratch.Epoch;
                        Evaluate(seeker, score);
                    }
                }
            }

            var graph = _ranker.Skills;
            var buckets = scratch.Buckets;
            _priorityMax = _position.PublicWelfare ? 1.0 : 0.5;
            _longest = longest;
            var areas = scratch.Areas;
            areas.Clear();
            if (!_remote)
            {
                foreach (var (cell, minKm) in GeoGrid.Coarse.CellsWithin(_where, longest))
                {
                    // Shaved: a coarse cell's bound must never fall below that of a fine cell inside it.
                    areas.Add((MatchGrid.Key(cell), Math.Max(0, minKm - 0.001)));
                }
            }

            // Skill tiers, by coarse cell of home: a required skill held, experts first; else a related or preferred one.
            var preferredShare = _position.PreferredSkills.Count > 0 ? 0.3 : 0;
            var requiredOrdinary = _position.RequiredSkills.Where(c => !graph.IsCertificate(c)).Distinct(StringComparer.Ordinal).ToList();
            var requiredLicences = _position.RequiredSkills.Where(graph.IsCertificate).Distinct(StringComparer.Ordinal).ToList();
            foreach (var level in new[] { 3, 2, 1 })
            {
                // A related skill's credit (at most RelatedCredit × 1) may exceed a low level's own.
                var skills = 0.7 * Math.Max(Ranker.LevelCredit(level), _w.RelatedCredit) + preferredShare;
                foreach (var code in requiredOrdinary)
                {
                    AddTier(buckets, views, TalentPoolFields.SkillLevel, TalentPoolSchema.SkillLevelTerm(code, level), skills);
                }
                if (level == 3)
                {
                    foreach (var code in requiredLicences)
                    {
                        AddTier(buckets, views, TalentPoolFields.Skill, code, skills);
                    }
                }
            }
            var nearSkills = requiredOrdinary.Concat(_position.PreferredSkills.Where(c => !graph.IsCertificate(c)))
                .SelectMany(graph.Neighbours)
                .Concat(_position.PreferredSkills)
                .Where(c => !_position.RequiredSkills.Contains(c))
                .Distinct(StringComparer.Ordinal);
            var tier2 = 0.7 * (requiredOrdinary.Count > 0 ? _w.RelatedCredit : 0) + preferredShare;
            foreach (var code in nearSkills)
            {
                AddTier(buckets, views, TalentPoolFields.Skill, code, tier2);
            }

            // No skill in common: for remote work everyone by group; else home cells outwards from the position, by group.
            var cells = scratch.Cells;
            cells.Clear();
            if (_remote)
            {
                for (var group = 0; group < TalentPoolView.Groups; group++)
                {
                    var bound = Bound(0, _helpsMax, TalentPoolView.PrefersRemoteIn(group) ? 1.0 : _w.RemoteNeutral, 1, GroupPriority(group));
                    for (var v = 0; v < views.Length; v++)
                    {
                        if (views[v].ByGroup[group].Length > 0)
                        {
                            buckets.Add(new Bucket(bound, buckets.Count, BucketKind.Remote, v, views[v].ByGroup[group], 0, 0));
                        }
                    }
                }
            }
            else
            {
                var present = views.Sum(v => v.Cells.Sum(c => c.Count));
                CellWalk.Around(_where, longest, present, views.SelectMany(v => v.Cells.SelectMany(c => c.Keys)).Distinct(), cells);
                cells.Sort(static (x, y) => x.MinKm.CompareTo(y.MinKm));
            }
            scratch.SortBuckets();

            // Best bound first across the fixed buckets and the cell streams of each group; fixed buckets win ties.
            var next = 0;
            Span<int> nextCell = stackalloc int[TalentPoolView.Groups];
            while (true)
            {
                var best = next < buckets.Count ? buckets[next].Bound : double.NegativeInfinity;
                var pick = -1;
                for (var group = 0; group < TalentPoolView.Groups; group++)
                {
                    if (nextCell[group] < cells.Count)
                    {
                        var bound = CellBound(group, cells[nextCell[group]].MinKm);
                        if (bound > best)
                        {
                            (best, pick) = (bound, group);
                        }
                    }
                }
                if (double.IsNegativeInfinity(best) || (_top.IsFull && _top.Threshold > best))
                {
                    break;
                }
                if (pick < 0)
                {
                    var bucket = buckets[next++];
                    Scan(bucket, views[bucket.View], live[bucket.View], scratch, longest);
                    continue;
                }
                var (key, minKm) = cells[nextCell[pick]++];
                for (var v = 0; v < views.Length; v++)
                {
                    if (views[v].Cells[pick].TryGetValue(key, out var docs))
                    {
                        Scan(new Bucket(best, 0, BucketKind.Cell, v, docs, 0, minKm), views[v], live[v], scratch, longest);
                    }
                }
            }
        }

        private double _priorityMax;
        private double _longest;

        private double GroupPriority(int group) => _position.PublicWelfare ? TalentPoolView.ClaimOf(group) : 0.5;

        private double CellBound(int group, double minKm) =>
            Bound(0, _helpsMax, Ranker.Decay(minKm, _longest) * (TalentPoolView.PrefersRemoteIn(group) ? _w.RemoteNeutral : 1.0), 1, GroupPriority(group));

        private void AddTier(List<Bucket> buckets, TalentPoolView[] views, string field, string term, double skills)
        {
            var bestLocation = Math.Max(1.0, _w.RemoteNeutral);
            for (var v = 0; v < views.Length; v++)
            {
                if (views[v].PostingsOf(field, term) is not { } byArea)
                {
                    continue;
                }
                if (_remote)
                {
                    var bound = Bound(skills, _helpsMax, bestLocation, 1, _priorityMax);
                    foreach (var docs in byArea.Values)
                    {
                        buckets.Add(new Bucket(bound, buckets.Count, BucketKind.Tier, v, docs, skills, 0));
                    }
                    continue;
                }
                foreach (var (key, minKm) in SearchScratch.Current.Areas)
                {
                    if (byArea.TryGetValue(key, out var docs))
                    {
                        var location = Ranker.Decay(minKm, _longest) * bestLocation;
                        buckets.Add(new Bucket(Bound(skills, _helpsMax, location, 1, _priorityMax), buckets.Count, BucketKind.Tier, v, docs, skills, 0));
                    }
                }
            }
        }

        private void Scan(in Bucket bucket, TalentPoolView view, IBits? live, SearchScratch scratch, double longest)
        {
            var stamps = scratch.StampsFor(view, view.MaxDoc);
            var epoch = scratch.Epoch;
            var docOf = view.DocOf;
            var columns = view.Columns;
            var hours = _position.HoursPerWeek;
            var wage = _position.MonthlyWage;
            // A bound over seekers of every district: the lowest lines lift the most.
            var lines = _request.Lines.Lowest;
            // For skill tiers: a box that holds every seeker who could reach the position.
            var dLat = longest * 1.02 / 110.5 + 1e-6;
            var dLon = longest * 1.02 / (111.0 * Math.Max(0.05, Math.Cos((Math.Abs(_where.Lat) + dLat) * Math.PI / 180))) + 1e-6;
            foreach (var doc in bucket.Docs)
            {
                // (doc is a row of the view: see SegmentView.)
                if (stamps[doc] == epoch || (live is not null && !live.Get(docOf[doc])))
                {
                    continue;
                }
                stamps[doc] = epoch;
                ref readonly var c = ref columns[doc];
                if (!c.Available || (c.Limits & _demands) != 0 || (c.Needs & ~_offers) != 0
                    || c.Age < _minAge || c.Age > _maxAge || c.Education < _minEducation
                    || (hours > c.MaxHours && !_shorterHours))
                {
                    continue;
                }
                var accommodation = c.Disability < 0 ? 0 : c.Severity * _helps[c.Disability];
                var pay = _ranker.PayFit(c.DesiredWage, c.HouseholdIncome, c.HouseholdSize, wage, lines);
                var priority = _position.PublicWelfare ? c.Claim : 0.5;
                double location;
                if (_remote)
                {
                    location = c.PrefersRemote ? 1.0 : _w.RemoteNeutral;
                }
                else
                {
                    var factor = c.PrefersRemote ? _w.RemoteNeutral : 1.0;
                    if (bucket.Kind == BucketKind.Cell)
                    {
                        if (bucket.MinKm > c.MaxCommuteKm
                            || (_top.IsFull && _top.Threshold > Bound(bucket.Skills, accommodation, Ranker.Decay(bucket.MinKm, c.MaxCommuteKm) * factor, pay, priority)))
                        {
                            continue;
                        }
                    }
                    else if (Math.Abs(c.Lat - _where.Lat) > dLat || Math.Abs(c.Lon - _where.Lon) > dLon)
                    {
                        continue;
                    }
                    var km = Geo.DistanceKm(new GeoPoint(c.Lat, c.Lon), _where);
                    if (km > c.MaxCommuteKm)
                    {
                        continue;
                    }
                    location = Ranker.Decay(km, c.MaxCommuteKm) * factor;
                }
                if (_top.IsFull && _top.Threshold > Bound(bucket.Skills, accommodation, location, pay, priority))
                {
                    continue;
                }
                if (view.Profiles[doc] is { } seeker)
                {
                    Evaluate(seeker, 0);
                }
            }
        }

        private double Bound(double skills, double accommodation, double location, double pay, double priority) =>
            _ranker.Bound(new MatchFeatures(skills, accommodation, location, pay, priority, 0), _withQuery);

        private void Evaluate(SeekerProfile seeker, double text)
        {
            if (HardRules.Check(seeker, _position, _request.AsOf, out var km) is not null)
            {
                return;
            }
            var features = _ranker.Features(seeker, _position, km, text, _request.Lines);
            _top.Offer(new Scored<SeekerProfile>(_ranker.Score(features, _withQuery), seeker.Id, seeker, km, features));
        }

        private BooleanQuery TextCandidates()
        {
            var required = new List<(Query, Occur)> { (Queries.Term(TalentPoolFields.Available, "1"), Occur.MUST) };
            foreach (var demand in _position.Demands.Distinct(StringComparer.Ordinal))
            {
                required.Add((Queries.Term(TalentPoolFields.Limit, demand), Occur.MUST_NOT));
            }
            if (!_remote)
            {
                required.Add((Queries.Term(TalentPoolFields.Reach, GeoGrid.Term(GeoGrid.Coarse.CellOf(_where))), Occur.MUST));
            }
            return Queries.All(required);
        }

        private DocValuesFilter TextRules()
        {
            var ranges = new List<DocValuesRange>
            {
                new(TalentPoolFields.Age, _position.MinAge ?? long.MinValue, _position.MaxAge ?? long.MaxValue),
                new(TalentPoolFields.Education, (long?)_position.MinEducation ?? long.MinValue, long.MaxValue),
            };
            if (!_shorterHours)
            {
                ranges.Add(new(TalentPoolFields.MaxHours, (long)Math.Floor(_position.HoursPerWeek * 100), long.MaxValue));
            }
            return new DocValuesFilter(ranges);
        }
    }
}

