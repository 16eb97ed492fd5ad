namespace Employment.Core.Matching;

/// <summary>
/// The reference matcher: the same hard rules and the same ranker as <see cref="MatchingEngine"/>,
/// looping over every profile in memory. The engine must return exactly what this returns; it
/// exists for tests and for measuring what the index buys. It has no text index, so it ignores
/// <see cref="MatchRequest.Query"/>.
/// </summary>
public sealed class ExhaustiveMatcher(IReadOnlyList<PositionProfile> positions, IReadOnlyList<SeekerProfile> seekers, RankingWeights? weights = null)
{
    private readonly Ranker _ranker = new(weights);

    public IReadOnlyList<PositionMatch> PositionsFor(SeekerProfile seeker, MatchRequest request)
    {
        var top = new TopMatches<PositionProfile>(request.Top);
        if (HardRules.SeekerAvailable(seeker))
        {
            foreach (var position in positions)
            {
                if (HardRules.Check(seeker, position, request.AsOf, out var km) is null)
                {
                    var features = _ranker.Features(seeker, position, km, 0, request.Lines);
                    top.Offer(new Scored<PositionProfile>(_ranker.Score(features, false), position.Id, position, km, features));
                }
            }
        }
        return top.BestFirst()
            .Select(s => new PositionMatch(s.Id, s.Score, s.DistanceKm, _ranker.Explain(seeker, s.Profile, s.DistanceKm, s.Features, request.Lines), s.Features))
            .ToList();
    }

    public IReadOnlyList<SeekerMatch> SeekersFor(PositionProfile position, MatchRequest request)
    {
        var top = new TopMatches<SeekerProfile>(request.Top);
        if (HardRules.PositionAvailable(position, request.AsOf))
        {
            foreach (var seeker in seekers)
            {
                if (HardRules.Check(seeker, position, request.AsOf, out var km) is null)
                {
                    var features = _ranker.Features(seeker, position, km, 0, request.Lines);
                    top.Offer(new Scored<SeekerProfile>(_ranker.Score(features, false), seeker.Id, seeker, km, features));
                }
            }
        }
        return top.BestFirst()
            .Select(s => new SeekerMatch(s.Id, s.Score, s.DistanceKm, _ranker.Explain(s.Profile, position, s.DistanceKm, s.Features, request.Lines), s.Features))
            .ToList();
    }
}
