using Employment.Core.Taxonomy;
using System.Globalization;
using Employment.Core.Matching;
using Lucene.Net.Documents;

namespace Employment.Core.Search;

/// <summary>The operations every index offers its outbox reader: the seam between the database and search.</summary>
public interface ISearchIndex<TProfile> : IDisposable
{
    /// <summary>The watermark stored with the last commit; null for a new index or one that needs a rebuild.</summary>
    long? Watermark { get; }

    /// <summary>True when the index is missing or was written by another schema version: call <see cref="Rebuild"/>.</summary>
    bool NeedsRebuild { get; }

    /// <summary>Documents visible to searches now.</summary>
    int Count { get; }

    /// <summary>Records the index refused (id → reason): skipped so that the others stay searchable.</summary>
    IReadOnlyDictionary<string, string> Unindexable { get; }

    /// <summary>Adds or replaces by id; visible to searches within seconds, durable only after <see cref="Commit"/>.</summary>
    void Upsert(TProfile profile);

    void Delete(string id);

    /// <summary>Rewrites the segments holding deleted documents and commits: deleted means gone from the files (an erase).</summary>
    void ExpungeDeletes();

    /// <summary>Makes every change so far durable together with <paramref name="watermark"/>, and returns it.</summary>
    long Commit(long watermark);

    /// <summary>Replaces the whole content and commits it with <paramref name="watermark"/>.</summary>
    void Rebuild(IEnumerable<TProfile> profiles, long watermark);

    /// <summary>Blocks until every change made so far is searchable (read-your-write).</summary>
    void WaitForChanges();

    /// <summary>Every document's id and its stored profile as serialized: what the nightly consistency check compares.</summary>
    IReadOnlyDictionary<string, byte[]> StoredProfiles();

    /// <summary>A profile serialized as the index stores it, comparable byte for byte with <see cref="StoredProfiles"/>.</summary>
    byte[] Serialize(TProfile profile);
}

/// <summary>
/// The job bank (岗位库): positions in a Lucene index. One instance per process: it owns the
/// index's only writer. A crash loses at most the changes since the last commit; replaying from
/// <see cref="Watermark"/> restores them.
/// </summary>
public sealed class JobBankIndex : ISearchIndex<PositionProfile>
{
    internal JobBankIndex(string path) => Store = new LuceneIndex<PositionProfile>(path, new JobBankSchema(), (reader, store) => new JobBankView(reader, store));

    public JobBankIndex(SearchOptions options) : this(options.JobBankPath)
    {
    }

    internal LuceneIndex<PositionProfile> Store { get; }

    public long? Watermark => Store.Watermark;
    public bool NeedsRebuild => Store.NeedsRebuild;
    public int Count => Store.Count;
    public IReadOnlyDictionary<string, string> Unindexable => Store.Unindexable;
    public void Upsert(PositionProfile profile) => Store.Upsert(profile);
    public void Delete(string id) => Store.Delete(id);
    public void ExpungeDeletes() => Store.ExpungeDeletes();
    public long Commit(long watermark) => Store.Commit(watermark);
    public void Rebuild(IEnumerable<PositionProfile> profiles, long watermark) => Store.Rebuild(profiles, watermark);
    public void WaitForChanges() => Store.WaitForChanges();
    /// <summary>Where the last rebuild's time went (for the benchmark).</summary>
    public RebuildPhases? LastRebuild => Store.LastRebuild;
    public IReadOnlyDictionary<string, byte[]> StoredProfiles() => Store.StoredProfiles();
    public byte[] Serialize(PositionProfile profile) => Store.Serialize(profile);
    public void Dispose() => Store.Dispose();
}

internal static class JobBankFields
{
    public const string Available = "avail";
    public const string Required = "req";
    public const string Preferred = "pref";
    public const string Offers = "acc";
    public const string Demand = "demand";
    /// <summary>Latitude and longitude in micro-degrees (0 for remote), for a bounding-box check without terms.</summary>
    public const string Lat = "lat6";
    public const string Lon = "lon6";
    public const string IsRemote = "is_remote";
    public const string ValidUntil = "valid_until";
    public const string MinAge = "min_age";
    public const string MaxAge = "max_age";
    public const string MinEducation = "min_edu";
    /// <summary>Hours ×100, or 0 when part-time or flexible hours make any cap reachable (rule 7).</summary>
    public const string HoursCap = "hours_cap";
}

internal sealed class JobBankSchema : IDocumentSchema<PositionProfile>
{

    public string Version => "jobbank-6";

    public string IdOf(PositionProfile profile) => profile.Id;

    public void Observe(PositionProfile profile)
    {
    }

    public void AddFields(Document d, PositionProfile p)
    {
        // "Open" in the sense of rule 1 apart from the date, which is checked against asOf per request.
        d.Add(TextAnalysis.Keyword(JobBankFields.Available, p.IsOpen && p.Filled < p.Headcount ? "1" : "0"));
        var offers = new HashSet<string>(p.Accommodations, StringComparer.Ordinal);
        if (p.Remote)
        {
            offers.UnionWith(HardRules.MetByRemote);
        }
        AddCodes(d, JobBankFields.Required, p.RequiredSkills);
        AddCodes(d, JobBankFields.Preferred, p.PreferredSkills);
        AddCodes(d, JobBankFields.Offers, offers);
        AddCodes(d, JobBankFields.Demand, p.Demands);
        var remote = p.Remote || p.Location is null;
        d.Add(new NumericDocValuesField(JobBankFields.IsRemote, remote ? 1 : 0));
        d.Add(new NumericDocValuesField(JobBankFields.Lat, remote ? 0 : (long)Math.Round(p.Location!.Value.Lat * 1e6)));
        d.Add(new NumericDocValuesField(JobBankFields.Lon, remote ? 0 : (long)Math.Round(p.Location!.Value.Lon * 1e6)));
        d.Add(new NumericDocValuesField(JobBankFields.ValidUntil, p.ValidUntil?.DayNumber ?? int.MaxValue));
        d.Add(new NumericDocValuesField(JobBankFields.MinAge, p.MinAge ?? int.MinValue));
        d.Add(new NumericDocValuesField(JobBankFields.MaxAge, p.MaxAge ?? int.MaxValue));
        d.Add(new NumericDocValuesField(JobBankFields.MinEducation, (long?)p.MinEducation ?? -1));
        d.Add(new NumericDocValuesField(JobBankFields.HoursCap, HardRules.OffersShorterHours(p) ? 0 : (long)Math.Floor(p.HoursPerWeek * 100)));

        // The title's concepts serve both the concept field and the search's strong concepts; the
        // description is scanned on its own (a phrase running from the title into the description
        // is no mention).
        var (titleWords, titleConcepts) = Titles[p.Title];
        var concepts = new HashSet<string>(titleConcepts, StringComparer.Ordinal);
        concepts.UnionWith(ConceptScanner.Embedded.ConceptsIn(p.Description));
        concepts.UnionWith(p.RequiredSkills);
        concepts.UnionWith(p.PreferredSkills);
        concepts.UnionWith(offers);
        AddCodes(d, TextAnalysis.ConceptField, concepts);
        var text = string.Join('\n', new[] { p.Title, p.Description, p.EmployerName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        d.Add(new TextField(TextAnalysis.TextField, text, Field.Store.NO));
        if (TextAnalysis.HasLatin(text))
        {
            d.Add(new TextField(TextAnalysis.EnglishField, text, Field.Store.NO));
        }

        // Words, what the position is as concepts, and pinyin: the search a jobseeker types into.
        // jieba cuts each part once (the pieces are separated by line breaks, where it cuts anyway,
        // so the words of the whole are the words of the parts in order).
        string[] employerWords = string.IsNullOrWhiteSpace(p.EmployerName) ? [] : Employers[p.EmployerName];
        d.Add(new TextField(PositionTextFields.TitleWords, TextAnalysis.Precut(titleWords), Field.Store.NO));
        d.Add(new TextField(PositionTextFields.TextWords, TextAnalysis.Precut(titleWords.Concat(Words.ForIndex(p.Description)).Concat(employerWords)), Field.Store.NO));
        var strong = new HashSet<string>(p.RequiredSkills, StringComparer.Ordinal);
        strong.UnionWith(titleConcepts);
        var named = new HashSet<string>(strong, StringComparer.Ordinal);
        strong.UnionWith(offers);
        strong.UnionWith(p.Demands);
        AddCodes(d, PositionTextFields.Concepts, strong);
        AddCodes(d, PositionTextFields.TitlePinyin, PinyinTerms.Of(titleWords.Concat(employerWords)));
        AddCodes(d, PositionTextFields.ConceptPinyin, named.SelectMany(PinyinTerms.OfConcept).Distinct(StringComparer.Ordinal));
    }

    /// <summary>Many positions share a title (保洁员) and an employer posts many: each is cut and scanned once.</summary>
    private static readonly Memo<(string[] Words, IReadOnlySet<string> Concepts)> Titles =
        new(title => ([.. Words.ForIndex(title)], ConceptScanner.Embedded.ConceptsIn(title)), 100_000);

    private static readonly Memo<string[]> Employers = new(name => [.. Words.ForIndex(name)], 100_000);

    private static void AddCodes(Document d, string field, IEnumerable<string> codes)
    {
        if (TextAnalysis.Codes(field, codes) is { } f)
        {
            d.Add(f);
        }
    }

    public byte[] Serialize(PositionProfile profile) => ProfileCodec.Write(profile);

    public PositionProfile Deserialize(byte[] bytes) => ProfileCodec.ReadPosition(bytes);
}
