using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Employment.Core.Matching;

/// <summary>What a bucket holds: documents with a skill in common, or the documents of one grid cell or the remote ones.</summary>
internal enum BucketKind : byte
{
    Tier,
    Cell,
    Remote,
}

/// <summary>
/// One slice of the candidates with an upper bound of any score in it: a posting list of one
/// segment (a skill tier), or one grid cell of one segment and household group. Docs are rows of
/// the segment's view (see <see cref="SegmentView{TProfile}"/>). The bound only
/// has to hold for the documents of it that no earlier bucket held.
/// </summary>
internal readonly record struct Bucket(double Bound, int Order, BucketKind Kind, int View, int[] Docs, double Skills, double MinKm);

/// <summary>
/// Per-thread state reused from query to query, so a query allocates no per-candidate memory:
/// a visit stamp per profile slot (a document is considered once, in the first bucket that holds
/// it) and the bucket list.
/// </summary>
internal sealed class SearchScratch
{
    [ThreadStatic]
    private static SearchScratch? _current;

    private System.Runtime.CompilerServices.ConditionalWeakTable<object, int[]> _stamps = new();
    private int _epoch;

    public List<Bucket> Buckets { get; } = new(256);

    /// <summary>Coarse cells around the query point, for the skill tiers.</summary>
    public List<(long Key, double MinKm)> Areas { get; } = new(64);

    /// <summary>Fine cells around the query point, nearest first.</summary>
    public List<(long Key, double MinKm)> Cells { get; } = new(1024);

    /// <summary>This thread's scratch, as the last <see cref="Begin"/> left it.</summary>
    public static SearchScratch Current => _current ??= new SearchScratch();

    public int Epoch => _epoch;

    public static SearchScratch Begin()
    {
        var scratch = Current;
        if (++scratch._epoch == int.MaxValue)
        {
            scratch._stamps = new();
            scratch._epoch = 1;
        }
        scratch.Buckets.Clear();
        return scratch;
    }

    /// <summary>This thread's visit stamps for a segment's rows: a row is visited in this query when it holds <see cref="Epoch"/>.</summary>
    public int[] StampsFor(object view, int rows) => _stamps.GetValue(view, _ => new int[rows]);

    /// <summary>Best bound first; among equal bounds, in the order added (skill tiers before cells).</summary>
    public void SortBuckets() => Buckets.Sort(static (a, b) =>
    {
        var byBound = b.Bound.CompareTo(a.Bound);
        return byBound != 0 ? byBound : a.Order.CompareTo(b.Order);
    });
}

/// <summary>
/// The walk both directions of the engine share: always the slice with the highest bound next, among
/// the fixed buckets (sorted, see <see cref="SearchScratch.SortBuckets"/>) and, per household group,
/// the stream of grid cells nearest first; it stops once the top list is full and its threshold is
/// above every bound left. Fixed buckets win ties.
/// </summary>
internal static class BestBoundFirst
{
    /// <param name="groups">How many cell streams there are (one per group, sharing <paramref name="cells"/>).</param>
    /// <param name="cellBound">The bound of group g's cell at a distance.</param>
    /// <param name="scanBucket">Scores a fixed bucket's documents.</param>
    /// <param name="scanCell">Scores one cell of one group: (group, key, its nearest distance, its bound).</param>
    public static void Walk<TProfile>(List<Bucket> buckets, List<(long Key, double MinKm)> cells, int groups, TopMatches<TProfile> top,
        Func<int, double, double> cellBound, Action<Bucket> scanBucket, Action<int, long, double, double> scanCell)
    {
        var next = 0;
        Span<int> nextCell = stackalloc int[groups];
        while (true)
        {
            var best = next < buckets.Count ? buckets[next].Bound : double.NegativeInfinity;
            var pick = -1;
            for (var group = 0; group < groups; group++)
            {
                if (nextCell[group] < cells.Count)
                {
                    var bound = cellBound(group, cells[nextCell[group]].MinKm);
                    if (bound > best)
                    {
                        (best, pick) = (bound, group);
                    }
                }
            }
            // Strictly greater: an equal score in the slice could still win on id.
            if (double.IsNegativeInfinity(best) || (top.IsFull && top.Threshold > best))
            {
                return;
            }
            if (pick < 0)
            {
                scanBucket(buckets[next++]);
                continue;
            }
            var (key, minKm) = cells[nextCell[pick]++];
            scanCell(pick, key, minKm, best);
        }
    }
}

/// <summary>The grid cells around a point, nearest possible distance first known, within a radius.</summary>
internal static class CellWalk
{
    /// <summary>
    /// Every cell of <paramref name="present"/> (the cells some segment holds) with a point within
    /// <paramref name="radiusKm"/>, with a lower bound of its distance. Walks the grid square when
    /// it is smaller than the set of cells present, else the cells present.
    /// </summary>
    public static void Around(GeoPoint center, double radiusKm, int presentCount, IEnumerable<long> present, List<(long Key, double MinKm)> into)
    {
        into.Clear();
        var grid = MatchGrid.Grid;
        var dLat = radiusKm / 110.5 + 0.02;
        var dLon = radiusKm / (111.0 * Math.Max(0.05, Math.Cos((Math.Abs(center.Lat) + dLat) * Math.PI / 180))) + 0.025;
        var square = (dLat / 0.01 * 2 + 3) * (dLon / 0.0125 * 2 + 3);
        if (square <= presentCount)
        {
            foreach (var (cell, minKm) in grid.CellsWithin(center, radiusKm))
            {
                into.Add((MatchGrid.Key(cell), minKm));
            }
            return;
        }
        foreach (var key in present)
        {
            var minKm = grid.MinDistanceKm(center, MatchGrid.Cell(key));
            if (minKm <= radiusKm)
            {
                into.Add((key, minKm));
            }
        }
    }
}

/// <summary>Text hits first, so their text feature (BM25 over the best BM25 in the window) is known before the buckets.</summary>
internal static class TextWindow
{
    public static List<(int Leaf, int Doc, double Text)> Search(IndexSearcher searcher, Query text, Query candidates, Filter rules, int window)
    {
        var query = new BooleanQuery { { text, Occur.MUST }, { candidates, Occur.MUST } };
        var hits = searcher.Search(query, rules, Math.Max(1, window));
        var result = new List<(int, int, double)>(hits.ScoreDocs.Length);
        if (hits.ScoreDocs.Length == 0 || hits.MaxScore <= 0)
        {
            return result;
        }
        var leaves = searcher.IndexReader.Leaves;
        foreach (var hit in hits.ScoreDocs)
        {
            var leaf = ReaderUtil.SubIndex(hit.Doc, leaves);
            result.Add((leaf, hit.Doc - leaves[leaf].DocBase, hit.Score / hits.MaxScore));
        }
        return result;
    }
}

/// <summary>Small helpers for building Lucene queries (the text path).</summary>
internal static class Queries
{
    public static Query? AnyOf(string field, IEnumerable<string> values)
    {
        var query = new BooleanQuery();
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            query.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        }
        return query.Clauses.Count == 0 ? null : query;
    }

    public static Query Term(string field, string value) => new TermQuery(new Term(field, value));

    public static BooleanQuery All(IEnumerable<(Query Query, Occur Occur)> clauses)
    {
        var query = new BooleanQuery();
        foreach (var (q, occur) in clauses)
        {
            query.Add(q, occur);
        }
        return query;
    }
}
