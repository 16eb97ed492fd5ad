using Employment.Demo;
using Employment.Core.Matching;

namespace Employment.Tests.Matching;

/// <summary>
/// The index is a pure speed-up: on random regions the engine returns exactly what the
/// exhaustive matcher returns. Without a query, because the exhaustive matcher has no BM25.
/// </summary>
public sealed class EquivalenceTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 30)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Engine_equals_exhaustive_matcher(int seed)
    {
        var region = SyntheticRegion.Generate(seed, 300, 150);
        using var indexes = new TestIndexes().With(region.Positions, region.Seekers);
        var exhaustive = new ExhaustiveMatcher(region.Positions, region.Seekers);
        var request = new MatchRequest { Top = 10, AsOf = region.AsOf, Lines = region.Lines };

        foreach (var seeker in region.Seekers)
        {
            var expected = exhaustive.PositionsFor(seeker, request);
            var actual = indexes.Engine.PositionsFor(seeker, request);
            AssertSame(seeker.Id, expected.Select(m => (m.Id, m.Score)), actual.Select(m => (m.Id, m.Score)));
        }
        foreach (var position in region.Positions.Where((_, i) => i % 3 == 0))
        {
            var expected = exhaustive.SeekersFor(position, request);
            var actual = indexes.Engine.SeekersFor(position, request);
            AssertSame(position.Id, expected.Select(m => (m.Id, m.Score)), actual.Select(m => (m.Id, m.Score)));
        }
    }

    private static void AssertSame(string who, IEnumerable<(string Id, double Score)> expected, IEnumerable<(string Id, double Score)> actual)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        Assert.True(e.Select(x => x.Id).SequenceEqual(a.Select(x => x.Id)),
            $"{who}: expected [{string.Join(", ", e.Select(x => $"{x.Id}:{x.Score:F6}"))}] but got [{string.Join(", ", a.Select(x => $"{x.Id}:{x.Score:F6}"))}]");
        for (var i = 0; i < e.Count; i++)
        {
            Assert.Equal(e[i].Score, a[i].Score, 1e-6);
        }
    }
}
