using System.Reflection;

namespace Employment.Core.Taxonomy;

public enum TaxonomyKind { Skill, Accommodation, Demand }

/// <summary>One code of the taxonomy, with its names in both languages.</summary>
public sealed record TaxonomyTerm(
    string Code,
    TaxonomyKind Kind,
    string Group,
    string NameZh,
    string NameEn,
    string? Meaning,
    IReadOnlyList<string> Related,
    bool IsCertificate)
{
    public string Name(bool english) => english ? NameEn : NameZh;
}

/// <summary>
/// Skills, accommodations and physical demands (seed-data/taxonomy), with the synonyms that map
/// a person's own words onto codes. Codes are never renamed; new ones may be added.
/// </summary>
public sealed class Taxonomy
{
    private readonly Dictionary<string, TaxonomyTerm> _byCode;

    public Taxonomy(IEnumerable<TaxonomyTerm> terms, IReadOnlyDictionary<string, IReadOnlyList<string>>? synonyms = null)
    {
        _byCode = new Dictionary<string, TaxonomyTerm>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            if (!_byCode.TryAdd(term.Code, term))
            {
                throw new InvalidDataException($"taxonomy code '{term.Code}' appears twice");
            }
        }
        Synonyms = synonyms ?? new Dictionary<string, IReadOnlyList<string>>();
        Skills = _byCode.Values.Where(t => t.Kind == TaxonomyKind.Skill).ToArray();
        Accommodations = _byCode.Values.Where(t => t.Kind == TaxonomyKind.Accommodation).ToArray();
        Demands = _byCode.Values.Where(t => t.Kind == TaxonomyKind.Demand).ToArray();
    }

    public IReadOnlyList<TaxonomyTerm> Skills { get; }
    public IReadOnlyList<TaxonomyTerm> Accommodations { get; }
    public IReadOnlyList<TaxonomyTerm> Demands { get; }

    /// <summary>code → extra words (Chinese and English) that mean it, beyond its two names.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Synonyms { get; }

    public IEnumerable<TaxonomyTerm> All => _byCode.Values;

    public TaxonomyTerm? Find(string code) => _byCode.GetValueOrDefault(code);

    public bool IsKnown(string code, TaxonomyKind kind) => _byCode.TryGetValue(code, out var t) && t.Kind == kind;

    /// <summary>The taxonomy shipped in seed-data/taxonomy, embedded in this assembly.</summary>
    public static Taxonomy Embedded => LazyEmbedded.Value;

    private static readonly Lazy<Taxonomy> LazyEmbedded = new(LoadEmbedded);

    private static Taxonomy LoadEmbedded()
    {
        var terms = new List<TaxonomyTerm>();
        foreach (var row in Csv.ReadRows(ReadResource("skills.csv")!))
        {
            var kind = row["kind"];
            terms.Add(new TaxonomyTerm(row["code"], TaxonomyKind.Skill, row["group"], row["name_zh"], row["name_en"], null,
                SplitList(row.GetValueOrDefault("related")), kind == "certificate"));
        }
        foreach (var row in Csv.ReadRows(ReadResource("accommodations.csv")!))
        {
            terms.Add(new TaxonomyTerm(row["code"], TaxonomyKind.Accommodation, "accommodation", row["name_zh"], row["name_en"],
                row.GetValueOrDefault("meaning"), [], false));
        }
        foreach (var row in Csv.ReadRows(ReadResource("demands.csv")!))
        {
            terms.Add(new TaxonomyTerm(row["code"], TaxonomyKind.Demand, "demand", row["name_zh"], row["name_en"],
                row.GetValueOrDefault("meaning"), [], false));
        }

        var synonyms = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var synonymText = ReadResource("synonyms.csv");
        if (synonymText is not null)
        {
            foreach (var row in Csv.ReadRows(synonymText))
            {
                synonyms[row["code"]] = SplitList(row.GetValueOrDefault("terms"));
            }
        }
        return new Taxonomy(terms, synonyms);
    }

    private static string[] SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? ReadResource(string fileName)
    {
        var assembly = typeof(Taxonomy).Assembly;
        using var stream = assembly.GetManifestResourceStream("taxonomy/" + fileName);
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
