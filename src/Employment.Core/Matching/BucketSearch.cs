using Employment.Core.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Employment.Core.Matching;

/// <summary>A slice of the candidates, as a Lucene query, with an upper bound of any score in it.</summary>
internal sealed record Bucket(Query Query, double Bound);

/// <summary>
/// Exact top-K without scoring everything: the candidates are cut into buckets (skill tier ×
/// distance ring × household flags) whose best possible score is known, searched best bound
/// first, and the search stops when the K-th score found beats every bucket left. Every
/// candidate found is verified against <see cref="HardRules"/> and scored by <see cref="Ranker"/>,
/// so the result is the exhaustive matcher's, found in a fraction of the work.
/// Buckets may overlap: a document is scored once, in the first bucket that holds it. A bucket's
/// bound only has to hold for the documents of it that no earlier bucket held; each document's
/// own bucket (its best tier, its ring) is always listed, so none is lost.
/// </summary>
internal sealed class BucketSearch<TProfile>(
    LuceneIndex<TProfile> store,
    IndexSearcher searcher,
    Filter rules,
    TopMatches<TProfile> top,
    Func<TProfile, double, Scored<TProfile>?> evaluate)
    where TProfile : class
{
    private readonly HashSet<long> _seen = [];
    private Dictionary<long, double>? _text;

    /// <summary>Scores the best text matches first, so their text feature (BM25 over the best BM25) is known.</summary>
    public void SearchText(Query text, Query candidates, int window)
    {
        var query = new BooleanQuery { { text, Occur.MUST }, { candidates, Occur.MUST } };
        var hits = searcher.Search(query, rules, Math.Max(1, window));
        if (hits.ScoreDocs.Length == 0 || hits.MaxScore <= 0)
        {
            return;
        }
        _text = new Dictionary<long, double>(hits.ScoreDocs.Length);
        var leaves = searcher.IndexReader.Leaves;
        var slots = new List<long>(hits.ScoreDocs.Length);
        foreach (var hit in hits.ScoreDocs)
        {
            var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
            var slot = leaf.AtomicReader.GetNumericDocValues(FieldNames.Slot).Get(hit.Doc - leaf.DocBase);
            _text[slot] = hit.Score / hits.MaxScore;
            slots.Add(slot);
        }
        foreach (var slot in slots)
        {
            Consider(slot);
        }
    }

    public void Search(List<Bucket> buckets)
    {
        var collector = new SlotCollector(this);
        // Stable: a bucket's bound may assume an earlier bucket with an equal or higher bound
        // (a higher skill tier, say) was searched before it, its documents now skipped as seen.
        foreach (var bucket in buckets.OrderByDescending(b => b.Bound))
        {
            // Strictly greater: an equal score in the bucket could still win on id.
            if (top.IsFull && top.Threshold > bucket.Bound)
            {
                break;
            }
            searcher.Search(new FilteredQuery(bucket.Query, rules, FilteredQuery.QUERY_FIRST_FILTER_STRATEGY), collector);
        }
    }

    private void Consider(long slot)
    {
        if (!_seen.Add(slot) || store.ProfileAt(slot) is not { } profile)
        {
            return;
        }
        var text = _text is not null && _text.TryGetValue(slot, out var t) ? t : 0;
        if (evaluate(profile, text) is { } scored)
        {
            top.Offer(scored);
        }
    }

    private sealed class SlotCollector(BucketSearch<TProfile> owner) : ICollector
    {
        private NumericDocValues? _slots;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context) => _slots = context.AtomicReader.GetNumericDocValues(FieldNames.Slot);

        public void Collect(int doc)
        {
            if (_slots is not null)
            {
                owner.Consider(_slots.Get(doc));
            }
        }
    }
}

/// <summary>Small helpers for building the bucket queries.</summary>
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

    public static Query? AnyOf(params (string Field, IEnumerable<string> Values)[] sets)
    {
        var query = new BooleanQuery();
        foreach (var (field, values) in sets)
        {
            foreach (var value in values.Distinct(StringComparer.Ordinal))
            {
                query.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
            }
        }
        return query.Clauses.Count == 0 ? null : query;
    }

    public static Query? AnyQuery(IEnumerable<Query> queries)
    {
        var query = new BooleanQuery();
        foreach (var q in queries)
        {
            query.Add(q, Occur.SHOULD);
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

/// <summary>
/// Distance rings: cells grouped by how near they can be, so far cells are searched only when
/// they might matter. Fine cells near the centre, coarse cells further out, to keep the term
/// look-ups (about 5 µs each in Lucene.Net) few.
/// </summary>
internal static class Rings
{
    public static readonly double[] Edges = [0, 1, 2, 3.5, 5.5, 8, 11, 15, 20, 25];

    /// <summary>Fine cells up to here; beyond, coarse cells.</summary>
    public const double FineKm = 5.5;

    /// <summary>Beyond this the rings stop and one last bucket takes everything else.</summary>
    public const double CapKm = 30;

    /// <summary>
    /// Each ring's cells with a lower bound of the distance of any document in them that no
    /// nearer ring holds. A coarse cell reaching inside <see cref="FineKm"/> holds documents the
    /// fine rings already took; the rest of it is at least <see cref="FineKm"/> away.
    /// </summary>
    public static List<(Query Cells, double MinKm)> Around(GeoPoint center, double radiusKm, string fineField, string coarseField)
    {
        var radius = Math.Min(radiusKm, CapKm);
        var byRing = new List<(string Field, string Term)>[Edges.Length];
        foreach (var (cell, minKm) in GeoGrid.Fine.CellsWithin(center, Math.Min(radius, FineKm)))
        {
            if (minKm < FineKm)
            {
                var ring = Array.FindLastIndex(Edges, e => e <= minKm);
                (byRing[ring] ??= []).Add((fineField, GeoGrid.Term(cell)));
            }
        }
        if (radius > FineKm)
        {
            foreach (var (cell, minKm) in GeoGrid.Coarse.CellsWithin(center, radius))
            {
                var ring = Array.FindLastIndex(Edges, e => e <= Math.Max(FineKm, minKm));
                (byRing[ring] ??= []).Add((coarseField, GeoGrid.Term(cell)));
            }
        }
        var rings = new List<(Query, double)>();
        for (var i = 0; i < Edges.Length; i++)
        {
            if (byRing[i] is { } cells)
            {
                var query = new BooleanQuery();
                foreach (var (field, term) in cells)
                {
                    query.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
                }
                rings.Add((query, Edges[i]));
            }
        }
        return rings;
    }
}
