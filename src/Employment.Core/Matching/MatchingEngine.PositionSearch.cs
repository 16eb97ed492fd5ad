using Employment.Core.Taxonomy;
using System.Numerics;
using Employment.Core.Search;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Employment.Core.Matching;

/// <summary>The job bank's side of the engine: the best positions for one seeker.</summary>
public sealed partial class MatchingEngine
{
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

            BestBoundFirst.Walk(buckets, cells, 2, _top, CellBound,
                bucket => Scan(bucket, views[bucket.View], live[bucket.View], scratch),
                (group, key, minKm, bound) =>
                {
                    for (var v = 0; v < views.Length; v++)
                    {
                        if (views[v].Cells[group].TryGetValue(key, out var docs))
                        {
                            Scan(new Bucket(bound, 0, BucketKind.Cell, v, docs, 0, minKm), views[v], live[v], scratch);
                        }
                    }
                });
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
}
