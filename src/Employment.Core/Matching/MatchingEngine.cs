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
public sealed partial class MatchingEngine
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
}
