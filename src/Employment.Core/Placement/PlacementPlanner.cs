namespace Employment.Core.Placement;

/// <summary>A person who may be placed at the fair, with the weight of their household's priority.</summary>
public sealed record PlanSeeker(string PersonId, double Weight, string? DivisionCode = null);

/// <summary>A position at the fair and how many places it still has.</summary>
public sealed record PlanPosition(string PositionId, int OpenPlaces);

/// <summary>A pair the matching engine found, with its match score (0..1).</summary>
public sealed record PlanEdge(string PersonId, string PositionId, double Score);

/// <summary>One line of a plan: the score the engine gave and the value the plan counted (score × weight).</summary>
public sealed record PlannedPair(string PersonId, string PositionId, double Score, double Value);

public sealed record PlacementPlan(IReadOnlyList<PlannedPair> Pairs, double Value);

/// <summary>
/// The quarterly fair's placement plan: every seeker to at most one position, no position beyond its
/// open places, the total of score × priority weight as large as it can be. That is a maximum-weight
/// b-matching, solved exactly as a min-cost flow (source → person, capacity 1; person → position,
/// cost −value; position → sink, capacity = open places) by successive shortest paths with
/// potentials, stopping when no augmenting path gains anything. Greedy (best pair first) is kept
/// beside it because it is what a counselor would do by hand, and the figures compare the two.
/// </summary>
public static class PlacementPlanner
{
    // Values are planned in integer micro-units: exact comparisons, no drift in the potentials.
    private const double Scale = 1_000_000;

    public static PlacementPlan Optimal(IReadOnlyList<PlanSeeker> seekers, IReadOnlyList<PlanPosition> positions, IReadOnlyList<PlanEdge> edges)
    {
        var (people, places, arcs) = Prepare(seekers, positions, edges);
        if (arcs.Count == 0)
        {
            return new PlacementPlan([], 0);
        }
        var graph = new FlowGraph(2 + people.Count + places.Count);
        const int source = 0;
        const int sink = 1;
        var personNode = new Dictionary<string, int>(StringComparer.Ordinal);
        var positionNode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in people)
        {
            personNode[p.PersonId] = 2 + personNode.Count;
            graph.AddArc(source, personNode[p.PersonId], 1, 0);
        }
        foreach (var p in places)
        {
            positionNode[p.PositionId] = 2 + people.Count + positionNode.Count;
            graph.AddArc(positionNode[p.PositionId], sink, p.OpenPlaces, 0);
        }
        var pairArcs = new List<(int Arc, Arc Pair)>(arcs.Count);
        foreach (var a in arcs)
        {
            pairArcs.Add((graph.AddArc(personNode[a.PersonId], positionNode[a.PositionId], 1, -a.Units), a));
        }
        graph.MaxGainFlow(source, sink);

        var pairs = pairArcs.Where(x => graph.FlowOn(x.Arc) > 0)
            .Select(x => new PlannedPair(x.Pair.PersonId, x.Pair.PositionId, x.Pair.Score, x.Pair.Value))
            .OrderBy(p => p.PositionId, StringComparer.Ordinal).ThenBy(p => p.PersonId, StringComparer.Ordinal)
            .ToList();
        return new PlacementPlan(pairs, Math.Round(pairs.Sum(p => p.Value), 6));
    }

    /// <summary>Best pair first, as long as the person is free and the position has a place.</summary>
    public static PlacementPlan Greedy(IReadOnlyList<PlanSeeker> seekers, IReadOnlyList<PlanPosition> positions, IReadOnlyList<PlanEdge> edges)
    {
        var (_, places, arcs) = Prepare(seekers, positions, edges);
        var left = places.ToDictionary(p => p.PositionId, p => p.OpenPlaces, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new List<PlannedPair>();
        foreach (var a in arcs.OrderByDescending(a => a.Units)
                     .ThenBy(a => a.PersonId, StringComparer.Ordinal).ThenBy(a => a.PositionId, StringComparer.Ordinal))
        {
            if (left[a.PositionId] > 0 && placed.Add(a.PersonId))
            {
                left[a.PositionId]--;
                pairs.Add(new PlannedPair(a.PersonId, a.PositionId, a.Score, a.Value));
            }
        }
        return new PlacementPlan(pairs, Math.Round(pairs.Sum(p => p.Value), 6));
    }

    /// <summary>The value a plan counts for a pair: the match score weighed by the household's priority.</summary>
    public static double ValueOf(double score, double weight) => Math.Round(score * weight * Scale) / Scale;

    private sealed record Arc(string PersonId, string PositionId, double Score, double Value, long Units);

    private static (List<PlanSeeker> People, List<PlanPosition> Places, List<Arc> Arcs) Prepare(
        IReadOnlyList<PlanSeeker> seekers, IReadOnlyList<PlanPosition> positions, IReadOnlyList<PlanEdge> edges)
    {
        var people = seekers.GroupBy(s => s.PersonId, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var places = positions.Where(p => p.OpenPlaces > 0)
            .GroupBy(p => p.PositionId, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var weight = people.ToDictionary(p => p.PersonId, p => p.Weight, StringComparer.Ordinal);
        var open = places.Select(p => p.PositionId).ToHashSet(StringComparer.Ordinal);
        var arcs = new List<Arc>();
        var seen = new HashSet<(string, string)>();
        foreach (var e in edges)
        {
            // An edge to nobody we plan for, or a duplicate, is ignored; a pair worth nothing changes no plan.
            if (!weight.TryGetValue(e.PersonId, out var w) || !open.Contains(e.PositionId) || !seen.Add((e.PersonId, e.PositionId)))
            {
                continue;
            }
            var value = ValueOf(e.Score, w);
            var units = (long)Math.Round(value * Scale);
            if (units > 0)
            {
                arcs.Add(new Arc(e.PersonId, e.PositionId, e.Score, value, units));
            }
        }
        return (people, places, arcs);
    }

    /// <summary>A residual graph with arcs stored in pairs (arc i and its reverse i ^ 1).</summary>
    private sealed class FlowGraph(int nodes)
    {
        private readonly List<int> _to = [];
        private readonly List<int> _capacity = [];
        private readonly List<long> _cost = [];
        private readonly List<int>[] _out = Enumerable.Range(0, nodes).Select(_ => new List<int>()).ToArray();
        private readonly List<int> _initialCapacity = [];

        public int AddArc(int from, int to, int capacity, long cost)
        {
            var id = _to.Count;
            _to.Add(to); _capacity.Add(capacity); _cost.Add(cost); _out[from].Add(id); _initialCapacity.Add(capacity);
            _to.Add(from); _capacity.Add(0); _cost.Add(-cost); _out[to].Add(id + 1); _initialCapacity.Add(0);
            return id;
        }

        public int FlowOn(int arc) => _initialCapacity[arc] - _capacity[arc];

        /// <summary>
        /// Augments along cheapest paths while they have negative cost, i.e. while one more pair
        /// raises the total value. The cost of the k-th cheapest path never decreases (convexity of
        /// min-cost flow in k), so stopping at the first non-negative one leaves the maximum.
        /// </summary>
        public void MaxGainFlow(int source, int sink)
        {
            var n = _out.Length;
            var potential = BellmanFord(source);
            var dist = new long[n];
            var via = new int[n];
            while (true)
            {
                Array.Fill(dist, long.MaxValue);
                Array.Fill(via, -1);
                dist[source] = 0;
                var queue = new PriorityQueue<int, long>();
                queue.Enqueue(source, 0);
                while (queue.TryDequeue(out var u, out var d))
                {
                    if (d != dist[u])
                    {
                        continue;
                    }
                    foreach (var arc in _out[u])
                    {
                        if (_capacity[arc] <= 0 || potential[u] == long.MaxValue || potential[_to[arc]] == long.MaxValue)
                        {
                            continue;
                        }
                        var v = _to[arc];
                        var reduced = _cost[arc] + potential[u] - potential[v];
                        if (d + reduced < dist[v])
                        {
                            dist[v] = d + reduced;
                            via[v] = arc;
                            queue.Enqueue(v, dist[v]);
                        }
                    }
                }
                if (dist[sink] == long.MaxValue)
                {
                    return;
                }
                for (var v = 0; v < n; v++)
                {
                    if (dist[v] != long.MaxValue && potential[v] != long.MaxValue)
                    {
                        potential[v] += dist[v];
                    }
                }
                // The true cost of the path is the reduced distance plus the potential difference.
                var pathCost = potential[sink] - potential[source];
                if (pathCost >= 0)
                {
                    return;
                }
                for (var v = sink; v != source; v = _to[via[v] ^ 1])
                {
                    _capacity[via[v]] -= 1;
                    _capacity[via[v] ^ 1] += 1;
                }
            }
        }

        /// <summary>Initial potentials: shortest distances with the negative pair costs (no negative cycles yet).</summary>
        private long[] BellmanFord(int source)
        {
            var n = _out.Length;
            var dist = new long[n];
            Array.Fill(dist, long.MaxValue);
            dist[source] = 0;
            for (var round = 0; round < n; round++)
            {
                var changed = false;
                for (var u = 0; u < n; u++)
                {
                    if (dist[u] == long.MaxValue)
                    {
                        continue;
                    }
                    foreach (var arc in _out[u])
                    {
                        if (_capacity[arc] > 0 && dist[u] + _cost[arc] < dist[_to[arc]])
                        {
                            dist[_to[arc]] = dist[u] + _cost[arc];
                            changed = true;
                        }
                    }
                }
                if (!changed)
                {
                    break;
                }
            }
            return dist;
        }
    }
}
