using Employment.Core.Taxonomy;
using System.Numerics;
using Employment.Core.Search;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Employment.Core.Matching;

/// <summary>The talent pool's side of the engine: the best seekers for one position.</summary>
public sealed partial class MatchingEngine
{
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

            BestBoundFirst.Walk(buckets, cells, TalentPoolView.Groups, _top, CellBound,
                bucket => Scan(bucket, views[bucket.View], live[bucket.View], scratch, longest),
                (group, key, minKm, bound) =>
                {
                    for (var v = 0; v < views.Length; v++)
                    {
                        if (views[v].Cells[group].TryGetValue(key, out var docs))
                        {
                            Scan(new Bucket(bound, 0, BucketKind.Cell, v, docs, 0, minKm), views[v], live[v], scratch, longest);
                        }
                    }
                });
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
