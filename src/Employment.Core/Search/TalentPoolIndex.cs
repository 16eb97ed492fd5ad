using System.Text.Json;
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
    public void Upsert(SeekerProfile profile) => Store.Upsert(profile);
    public void Delete(string id) => Store.Delete(id);
    public long Commit(long watermark) => Store.Commit(watermark);
    public void Rebuild(IEnumerable<SeekerProfile> profiles, long watermark) => Store.Rebuild(profiles, watermark);
    public void WaitForChanges() => Store.WaitForChanges();
    public void Dispose() => Store.Dispose();
}

internal static class TalentPoolFields
{
    public const string Available = "avail";
    public const string Skill = "skill";
    /// <summary>code:level, so a search can take the experts before the beginners.</summary>
    public const string SkillLevel = "skill_lv";
    public const string Limit = "limit";
    public const string Need = "need";
    /// <summary>Coarse cells within the seeker's commute: a position's cell finds who can reach it.</summary>
    public const string Reach = "reach";
    /// <summary>The fine cell of home, for ranking by distance.</summary>
    public const string Home = "home";
    public const string CoarseHome = "home5";
    /// <summary>1: dibao, extreme or zero-employment household; r: another registered category; 0: none.</summary>
    public const string Priority = "prio";
    public const string PrefersRemote = "remote_pref";
    public const string Disabled = "disabled";
    public const string Age = "age";
    public const string Education = "edu";
    /// <summary>Maximum hours ×100, or long.MaxValue when the seeker sets none.</summary>
    public const string MaxHours = "max_hours";
}

internal sealed class TalentPoolSchema : IDocumentSchema<SeekerProfile>
{
    private static readonly JsonSerializerOptions Json = new();
    private double _longestCommuteKm;

    public string Version => "talentpool-2";

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
        d.Add(new StringField(TalentPoolFields.Available, HardRules.SeekerAvailable(s) ? "1" : "0", Field.Store.NO));
        foreach (var skill in s.Skills)
        {
            d.Add(new StringField(TalentPoolFields.Skill, skill.Code, Field.Store.NO));
            d.Add(new StringField(TalentPoolFields.SkillLevel, SkillLevelTerm(skill.Code, skill.Level), Field.Store.NO));
        }
        foreach (var code in s.Limits)
        {
            d.Add(new StringField(TalentPoolFields.Limit, code, Field.Store.NO));
        }
        foreach (var code in s.Needs)
        {
            d.Add(new StringField(TalentPoolFields.Need, code, Field.Store.NO));
        }
        foreach (var (cell, _) in GeoGrid.Coarse.CellsWithin(s.Location, s.MaxCommuteKm))
        {
            d.Add(new StringField(TalentPoolFields.Reach, GeoGrid.Term(cell), Field.Store.NO));
        }
        d.Add(new StringField(TalentPoolFields.Home, GeoGrid.Term(GeoGrid.Fine.CellOf(s.Location)), Field.Store.NO));
        d.Add(new StringField(TalentPoolFields.CoarseHome, GeoGrid.Term(GeoGrid.Coarse.CellOf(s.Location)), Field.Store.NO));
        d.Add(new StringField(TalentPoolFields.Priority, PriorityTerm(s), Field.Store.NO));
        d.Add(new StringField(TalentPoolFields.PrefersRemote, s.PrefersRemote ? "1" : "0", Field.Store.NO));
        d.Add(new StringField(TalentPoolFields.Disabled, s.DisabilityType is null ? "0" : "1", Field.Store.NO));
        d.Add(new NumericDocValuesField(TalentPoolFields.Age, s.Age));
        d.Add(new NumericDocValuesField(TalentPoolFields.Education, (long)s.Education));
        d.Add(new NumericDocValuesField(TalentPoolFields.MaxHours, s.MaxHoursPerWeek is { } h ? (long)Math.Ceiling(h * 100) : long.MaxValue));

        var concepts = new HashSet<string>(ConceptMap.Embedded.ConceptsIn(s.Intention), StringComparer.Ordinal);
        foreach (var skill in s.Skills)
        {
            concepts.Add(skill.Code);
        }
        foreach (var code in concepts)
        {
            d.Add(new StringField(TextAnalysis.ConceptField, code, Field.Store.NO));
        }
        if (!string.IsNullOrWhiteSpace(s.Intention))
        {
            d.Add(new TextField(TextAnalysis.TextField, s.Intention, Field.Store.NO));
            d.Add(new TextField(TextAnalysis.EnglishField, s.Intention, Field.Store.NO));
        }
    }

    public byte[] Serialize(SeekerProfile profile) => JsonSerializer.SerializeToUtf8Bytes(profile, Json);

    public SeekerProfile Deserialize(byte[] bytes) =>
        JsonSerializer.Deserialize<SeekerProfile>(bytes, Json) ?? throw new InvalidDataException("empty seeker profile in the talent pool");
}
