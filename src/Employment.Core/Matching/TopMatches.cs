namespace Employment.Core.Matching;

/// <summary>A scored pair waiting to be explained.</summary>
internal readonly record struct Scored<TProfile>(double Score, string Id, TProfile Profile, double? DistanceKm, MatchFeatures Features);

/// <summary>
/// The best K by score, ties broken by id (ordinal): the one order both the engine and the
/// exhaustive matcher produce.
/// </summary>
internal sealed class TopMatches<TProfile>(int capacity)
{
    private readonly PriorityQueue<Scored<TProfile>, Scored<TProfile>> _heap = new(capacity + 1, WorstFirst.Instance);

    public bool IsFull => _heap.Count >= capacity;

    /// <summary>The score a newcomer must beat once the list is full.</summary>
    public double Threshold => IsFull ? _heap.Peek().Score : double.NegativeInfinity;

    public void Offer(in Scored<TProfile> candidate)
    {
        if (capacity <= 0)
        {
            return;
        }
        if (!IsFull)
        {
            _heap.Enqueue(candidate, candidate);
            return;
        }
        if (WorstFirst.Instance.Compare(candidate, _heap.Peek()) > 0)
        {
            _heap.DequeueEnqueue(candidate, candidate);
        }
    }

    public List<Scored<TProfile>> BestFirst()
    {
        var list = _heap.UnorderedItems.Select(x => x.Element).ToList();
        list.Sort((a, b) => WorstFirst.Instance.Compare(b, a));
        return list;
    }

    private sealed class WorstFirst : IComparer<Scored<TProfile>>
    {
        public static readonly WorstFirst Instance = new();

        // Negative when a is worse than b: lower score, or the same score and a later id.
        public int Compare(Scored<TProfile> a, Scored<TProfile> b)
        {
            var byScore = a.Score.CompareTo(b.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(b.Id, a.Id);
        }
    }
}
