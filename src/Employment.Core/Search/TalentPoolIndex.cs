using Employment.Core.Taxonomy;
using Employment.Core.Domain;
using Employment.Core.Matching;
using Lucene.Net.Documents;

namespace Employment.Core.Search;

/// <summary>
/// The talent pool (精准扶贫对象库): seekers in a Lucene index, with their full profiles kept in
/// memory for re-ranking. One instance per process: it owns the index's only writer.
/// </summary>
public sealed class TalentPoolIndex : ISearchIndex<SeekerProfile>
{
    private readonly TalentPoolSchema _schema = new();

    internal TalentPoolIndex(string path) => Store = new LuceneIndex<SeekerProfile>(path, _schema, (reader, store) => new TalentPoolView(reader, store));

    public TalentPoolIndex(SearchOptions options) : this(options.TalentPoolPath)
    {
    }

    internal LuceneIndex<SeekerProfile> Store { get; }

    /// <summary>The longest commute any seeker ever indexed accepts: bounds how far a position reaches.</summary>
    internal double LongestCommuteKm => _schema.LongestCommuteKm;

    public long? Watermark => Store.Watermark;
    public bool NeedsRebuild => Store.NeedsRebuild;
    public int Count => Store.Count;
    public IReadOnlyDictionary<string, string> Unindexable => Store.Unindexable;
    public void Upsert(SeekerProfile profile) => Store.Upsert(profile);
    public void Delete(string id) => Store.Delete(id);
    public void ExpungeDeletes() => Store.ExpungeDeletes();
    public long Commit(long watermark) => Store.Commit(watermark);
    public void Rebuild(IEnumerable<SeekerProfile> profiles, long watermark) => Store.Rebuild(profiles, watermark);
    public void WaitForChanges() => Store.WaitForChanges();
    /// <summary>Where the last rebuild's time went (for the benchmark).</summary>
    public RebuildPhases? LastRebuild => Store.LastRebuild;
    public IReadOnlyDictionary<string, byte[]> StoredProfiles() => Store.StoredProfiles();
    public byte[] Serialize(SeekerProfile profile) => Store.Serialize(profile);
    public void Dispose() => Store.Dispose();
}

internal static class TalentPoolFields
{
    public const string Available = "avail";
    public const string Skill = "skill";
    /// <summary>code:level, so a search can take the experts before the beginners.</summary>
    public const string SkillLevel = "skill_lv";
    public const string Limit = "limit";
    /// <summary>Coarse cells within the seeker's commute: a position's cell finds who can reach it.</summary>
    public const string Reach = "reach";
    public const string Age = "age";
    public const string Education = "edu";
    /// <summary>Maximum hours ×100, or long.MaxValue when the seeker sets none.</summary>
    public const string MaxHours = "max_hours";
}

internal sealed class TalentPoolSchema : IDocumentSchema<SeekerProfile>
{
    private double _longestCommuteKm;

    public string Version => "talentpool-5";

    public double LongestCommuteKm => Volatile.Read(ref _longestCommuteKm);

    public string IdOf(SeekerProfile profile) => profile.Id;

    public void Observe(SeekerProfile profile)
    {
        double seen;
        while ((seen = Volatile.Read(ref _longestCommuteKm)) < profile.MaxCommuteKm
            && Interlocked.CompareExchange(ref _longestCommuteKm, profile.MaxCommuteKm, seen) != seen)
        {
        }
    }

    internal static string PriorityTerm(SeekerProfile seeker) => Ranker.PriorityClaim(seeker) switch
    {
        >= 1.0 => "1",
        > 0 => "r",
        _ => "0",
    };

    internal static string SkillLevelTerm(string code, int level) => code + ":" + Math.Clamp(level, 1, 3).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void AddFields(Document d, SeekerProfile s)
    {
        d.Add(TextAnalysis.Keyword(TalentPoolFields.Available, HardRules.SeekerAvailable(s) ? "1" : "0"));
        AddCodes(d, TalentPoolFields.Skill, s.Skills.Select(k => k.Code));
        AddCodes(d, TalentPoolFields.SkillLevel, s.Skills.Select(k => SkillLevelTerm(k.Code, k.Level)));
        AddCodes(d, TalentPoolFields.Limit, s.Limits);
        AddCodes(d, TalentPoolFields.Reach, GeoGrid.Coarse.CellsWithin(s.Location, s.MaxCommuteKm).Select(c => GeoGrid.Term(c.Cell)));
        d.Add(new NumericDocValuesField(TalentPoolFields.Age, s.Age));
        d.Add(new NumericDocValuesField(TalentPoolFields.Education, (long)s.Education));
        d.Add(new NumericDocValuesField(TalentPoolFields.MaxHours, s.MaxHoursPerWeek is { } h ? (long)Math.Ceiling(h * 100) : long.MaxValue));

        var concepts = new HashSet<string>(ConceptScanner.Embedded.ConceptsIn(s.Intention), StringComparer.Ordinal);
        foreach (var skill in s.Skills)
        {
            concepts.Add(skill.Code);
        }
        AddCodes(d, TextAnalysis.ConceptField, concepts);
        if (!string.IsNullOrWhiteSpace(s.Intention))
        {
            d.Add(new TextField(TextAnalysis.TextField, s.Intention, Field.Store.NO));
            if (TextAnalysis.HasLatin(s.Intention))
            {
                d.Add(new TextField(TextAnalysis.EnglishField, s.Intention, Field.Store.NO));
            }
        }
        TalentPoolSearch.AddFields(d, s);
    }

    private static void AddCodes(Document d, string field, IEnumerable<string> codes)
    {
        if (TextAnalysis.Codes(field, codes) is { } f)
        {
            d.Add(f);
        }
    }

    public byte[] Serialize(SeekerProfile profile) => ProfileCodec.Write(profile);

    public SeekerProfile Deserialize(byte[] bytes) => ProfileCodec.ReadSeeker(bytes);
}
