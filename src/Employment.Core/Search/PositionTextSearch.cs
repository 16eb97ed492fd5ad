using Employment.Core.Taxonomy;
using Employment.Core.Matching;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Employment.Core.Search;

/// <summary>A position found by words: its id and its relevance in 0..1.</summary>
public sealed record PositionTextHit(string Id, double Score);

/// <summary>
/// What a text search found, best first, and the corrected query it searched instead when the
/// words as typed found little (报安 → 保安).
/// </summary>
public sealed record PositionTextResult(IReadOnlyList<PositionTextHit> Hits, string? DidYouMean)
{
    public static PositionTextResult Empty { get; } = new([], null);
}

/// <summary>
/// The one text search of the job bank: the kiosk's box, the `search` command, the public API's q
/// and (through <see cref="PositionTextQuery"/>) the counselor's matches with a query all go
/// through it, so a word finds the same positions everywhere.
/// </summary>
public sealed class PositionTextSearch(JobBankIndex jobBank)
{
    /// <summary>Fewer hits than this and the query is retried through pinyin and near spellings.</summary>
    public const int Few = 3;

    /// <summary>Distinct searches remembered per reader; past it the memory starts again (typed input is anyone's).</summary>
    public const int MaxRemembered = 2_000;

    private readonly SearchVocabulary _vocabulary = new(jobBank);

    /// <summary>
    /// Answers for the reader that gave them. A reader never changes, so the same words on the same
    /// day against the same reader find the same hits; a change to the job bank opens a new reader,
    /// and with it an empty memory. The kiosk's searches repeat (the keyboard offers the same job
    /// words to everyone), and each one otherwise looks every word up in the term dictionary through
    /// the file: most of a kiosk search page's time (docs/benchmarks.md, "Kiosk pages").
    /// </summary>
    private sealed record Remembered(Lucene.Net.Index.IndexReader Reader, System.Collections.Concurrent.ConcurrentDictionary<(string Text, DateOnly AsOf), PositionTextResult> Results);

    private Remembered? _remembered;

    /// <summary>
    /// Open positions with a free place (rule 1 but the date, checked against <paramref name="asOf"/>)
    /// that the words find, best first (ties by id). <paramref name="remember"/> false searches the
    /// index even when this reader answered the same words before (the search benchmark times that).
    /// </summary>
    public PositionTextResult Search(string? text, DateOnly asOf, bool remember = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return PositionTextResult.Empty;
        }
        var store = jobBank.Store;
        var searcher = store.AcquireSearcher();
        try
        {
            if (!remember)
            {
                return Find(searcher, text, asOf);
            }
            var remembered = Volatile.Read(ref _remembered);
            if (remembered is null || !ReferenceEquals(remembered.Reader, searcher.IndexReader) || remembered.Results.Count >= MaxRemembered)
            {
                remembered = new Remembered(searcher.IndexReader, new());
                Volatile.Write(ref _remembered, remembered);
            }
            return remembered.Results.GetOrAdd((text, asOf), static (key, state) => state.Self.Find(state.Searcher, key.Text, key.AsOf), (Self: this, Searcher: searcher));
        }
        finally
        {
            store.ReleaseSearcher(searcher);
        }
    }

    private PositionTextResult Find(IndexSearcher searcher, string text, DateOnly asOf)
    {
        var hits = Run(searcher, text, asOf);
        if (hits.Count >= Few)
        {
            return new PositionTextResult(hits, null);
        }
        foreach (var candidate in _vocabulary.Corrections(searcher, text).Take(6))
        {
            var retried = Run(searcher, candidate, asOf);
            if (retried.Count > hits.Count)
            {
                return new PositionTextResult(retried, candidate);
            }
        }
        return new PositionTextResult(hits, null);
    }

    /// <summary>Job words whose pinyin or initials start with <paramref name="letters"/>: the kiosk's pinyin keyboard.</summary>
    public IReadOnlyList<string> WordsStartingWith(string letters, int max) => _vocabulary.StartingWith(letters, max);

    /// <summary>The same search with the analysis this project had before words (bigrams and unigrams, any shared character): the benchmark's baseline.</summary>
    public int CountWithCharacters(string text, DateOnly asOf)
    {
        var store = jobBank.Store;
        if (TextAnalysis.BuildQuery(store.Analyzer, text, ConceptScanner.Embedded) is not { } textQuery)
        {
            return 0;
        }
        var searcher = store.AcquireSearcher();
        try
        {
            var collector = new AllHits(store);
            searcher.Search(new BooleanQuery { { new TermQuery(new Term(JobBankFields.Available, "1")), Occur.MUST }, { textQuery, Occur.MUST } },
                OpenOn(asOf), collector);
            // Ordered like the new path, so the two timings pay for the same work.
            return collector.Hits.OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal).Count();
        }
        finally
        {
            store.ReleaseSearcher(searcher);
        }
    }

    private List<PositionTextHit> Run(IndexSearcher searcher, string text, DateOnly asOf)
    {
        if (PositionTextQuery.Build(text, searcher.IndexReader) is not { } plan)
        {
            return [];
        }
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(JobBankFields.Available, "1")), Occur.MUST },
            { plan.Query, Occur.MUST },
        };
        var collector = new AllHits(jobBank.Store);
        searcher.Search(query, OpenOn(asOf), collector);
        return collector.Hits
            .Select(h => new PositionTextHit(h.Id, Math.Min(1.0, Math.Round(h.Score / plan.MaxScore, 4))))
            .OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static DocValuesFilter OpenOn(DateOnly asOf) => new([new DocValuesRange(JobBankFields.ValidUntil, asOf.DayNumber, long.MaxValue)]);

    /// <summary>Every hit with its score; ids from the segment views, not stored fields.</summary>
    private sealed class AllHits(LuceneIndex<PositionProfile> store) : ICollector
    {
        private Scorer? _scorer;
        private JobBankView? _view;

        public List<(string Id, float Score)> Hits { get; } = [];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) => _view = (JobBankView?)store.ViewOf(context.AtomicReader);

        public void Collect(int doc)
        {
            if (_view is { } view && view.Profiles[view.RowOf[doc]] is { } position)
            {
                Hits.Add((position.Id, _scorer?.GetScore() ?? 0f));
            }
        }
    }
}
