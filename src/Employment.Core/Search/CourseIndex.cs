using Employment.Core.Taxonomy;
using Employment.Core.Training;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Employment.Core.Search;

/// <summary>
/// The course catalog (培训课程库): courses in a Lucene index, fed from the same outbox as the job
/// bank and the talent pool (<see cref="Data.AppDbContext.CourseIndex"/>), for search by title,
/// provider and the skills a course teaches. One instance per process: it owns the index's only writer.
/// </summary>
public sealed class CourseIndex : ISearchIndex<CourseProfile>
{
    internal CourseIndex(string path) => Store = new LuceneIndex<CourseProfile>(path, new CourseSchema());

    public CourseIndex(SearchOptions options) : this(options.CoursePath)
    {
    }

    internal LuceneIndex<CourseProfile> Store { get; }

    public long? Watermark => Store.Watermark;
    public bool NeedsRebuild => Store.NeedsRebuild;
    public int Count => Store.Count;
    public IReadOnlyDictionary<string, string> Unindexable => Store.Unindexable;
    public void Upsert(CourseProfile profile) => Store.Upsert(profile);
    public void Delete(string id) => Store.Delete(id);
    public void ExpungeDeletes() => Store.ExpungeDeletes();
    public long Commit(long watermark) => Store.Commit(watermark);
    public void Rebuild(IEnumerable<CourseProfile> profiles, long watermark) => Store.Rebuild(profiles, watermark);
    public void WaitForChanges() => Store.WaitForChanges();
    public IReadOnlyDictionary<string, byte[]> StoredProfiles() => Store.StoredProfiles();
    public byte[] Serialize(CourseProfile profile) => Store.Serialize(profile);
    public void Dispose() => Store.Dispose();
}

/// <summary>
/// A course as a document. It fills the job bank's text-search fields with the same meaning
/// (<see cref="PositionTextFields"/>: title words, all words, concepts, pinyin), so that one query
/// builder (<see cref="PositionTextQuery"/>) and one analysis (jieba, the taxonomy's concepts, the
/// English copy only for text with Latin letters) serve both: the provider's words stand beside the
/// title's, the skills taught where a position's required skills stand.
/// </summary>
internal sealed class CourseSchema : IDocumentSchema<CourseProfile>
{
    public string Version => "courses-1";

    public string IdOf(CourseProfile profile) => profile.Id;

    public void Observe(CourseProfile profile)
    {
    }

    public void AddFields(Document d, CourseProfile c)
    {
        var titleWords = Words.ForIndex(c.Title).ToArray();
        var providerWords = Words.ForIndex(c.Provider).ToArray();
        var titleConcepts = ConceptScanner.Embedded.ConceptsIn(c.Title);
        // What the course is: the skills it teaches and what its title names. A search for a skill's
        // name (叉车, forklift, chache) finds every course teaching it, whatever the title says.
        var named = new HashSet<string>(c.Skills.Select(s => s.Code), StringComparer.Ordinal);
        named.UnionWith(titleConcepts);
        AddCodes(d, PositionTextFields.Concepts, named);

        var text = string.Join('\n', new[] { c.Title, c.Provider }.Where(s => !string.IsNullOrWhiteSpace(s)));
        d.Add(new TextField(TextAnalysis.TextField, text, Field.Store.NO));
        if (TextAnalysis.HasLatin(text))
        {
            d.Add(new TextField(TextAnalysis.EnglishField, text, Field.Store.NO));
        }
        // The provider is half of what a course is called (锦江区社区学院's 电工班): its words weigh as
        // the title's, where a position's employer only counts as description.
        d.Add(new TextField(PositionTextFields.TitleWords, TextAnalysis.Precut(titleWords.Concat(providerWords)), Field.Store.NO));
        d.Add(new TextField(PositionTextFields.TextWords, TextAnalysis.Precut(titleWords.Concat(providerWords)), Field.Store.NO));
        AddCodes(d, PositionTextFields.TitlePinyin, PinyinTerms.Of(titleWords.Concat(providerWords)));
        AddCodes(d, PositionTextFields.ConceptPinyin, named.SelectMany(PinyinTerms.OfConcept).Distinct(StringComparer.Ordinal));
    }

    private static void AddCodes(Document d, string field, IEnumerable<string> codes)
    {
        if (TextAnalysis.Codes(field, codes) is { } f)
        {
            d.Add(f);
        }
    }

    public byte[] Serialize(CourseProfile profile) => ProfileCodec.Write(profile);

    public CourseProfile Deserialize(byte[] bytes) => ProfileCodec.ReadCourse(bytes);
}

/// <summary>A course found by words, with its relevance in 0..1 (0 when no words were given).</summary>
public sealed record CourseHit(CourseProfile Course, double Score);

/// <summary>
/// The one text search of the course catalog: the counselor's catalog (/Training) and the kiosk's
/// course page. Which courses count (open for enrolment on a day, or every offered one) is the
/// caller's rule, asked of each hit's profile: <see cref="CourseRules.Open"/> stays the only
/// definition of an open course.
/// </summary>
public sealed class CourseTextSearch(CourseIndex index, Func<CancellationToken, Task>? freshen = null)
{
    /// <summary>Words that say "I want to learn" rather than what: dropped when anything else is left.</summary>
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "培训", "课程", "培训班", "班", "学", "学习", "想学", "报名", "course", "courses", "training", "class", "learn",
    };

    /// <summary>
    /// The courses <paramref name="keep"/> accepts that the words find, best first (then the earliest
    /// start, then the id); with no words, every accepted course by start date. Changes saved by this
    /// process are applied to the index first (read-your-write); another process's within a poll.
    /// </summary>
    public async Task<IReadOnlyList<CourseHit>> SearchAsync(string? text, Func<CourseProfile, bool> keep, CancellationToken ct = default)
    {
        if (freshen is not null)
        {
            await freshen(ct);
        }
        return Search(text, keep);
    }

    /// <summary>As <see cref="SearchAsync"/>, on the index as it is now (the benchmark).</summary>
    public IReadOnlyList<CourseHit> Search(string? text, Func<CourseProfile, bool> keep)
    {
        var store = index.Store;
        var searcher = store.AcquireSearcher();
        try
        {
            PositionTextPlan? plan = null;
            if (!string.IsNullOrWhiteSpace(text))
            {
                plan = PositionTextQuery.Build(text, searcher.IndexReader, Filler);
                if (plan is null)
                {
                    return [];
                }
            }
            var collector = new KeptHits(store, keep);
            searcher.Search(plan?.Query ?? new MatchAllDocsQuery(), collector);
            var maxScore = plan?.MaxScore ?? 0;
            return collector.Hits
                .Select(h => new CourseHit(h.Course, maxScore > 0 ? Math.Min(1.0, Math.Round(h.Score / maxScore, 4)) : 0))
                .OrderByDescending(h => h.Score).ThenBy(h => h.Course.StartDate).ThenBy(h => h.Course.Id, StringComparer.Ordinal)
                .ToList();
        }
        finally
        {
            store.ReleaseSearcher(searcher);
        }
    }

    /// <summary>Every hit the rule keeps, with its score; profiles from the index's slots, not stored fields.</summary>
    private sealed class KeptHits(LuceneIndex<CourseProfile> store, Func<CourseProfile, bool> keep) : ICollector
    {
        private Scorer? _scorer;
        private NumericDocValues? _slots;

        public List<(CourseProfile Course, float Score)> Hits { get; } = [];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) => _slots = context.AtomicReader.GetNumericDocValues(FieldNames.Slot);

        public void Collect(int doc)
        {
            // A reader older than a rebuild may meet a cleared slot: that document is gone anyway.
            if (_slots is { } slots && store.ProfileAt(slots.Get(doc)) is { } course && keep(course))
            {
                Hits.Add((course, _scorer?.GetScore() ?? 0f));
            }
        }
    }
}
