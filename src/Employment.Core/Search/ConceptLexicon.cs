using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Employment.Core.Search;

/// <summary>
/// The taxonomy as the bridge between what a person types and what a position requires: a query
/// word names a concept when it is one of the concept's names or synonyms (清洁工, cleaner), or a
/// part of one (保洁 in 写字楼保洁, security in "security guard"): then it finds the positions
/// requiring that skill, whatever their title says.
/// </summary>
public sealed class ConceptLexicon
{
    private readonly Dictionary<string, HashSet<string>> _exact = new(StringComparer.Ordinal);
    private readonly List<(string Name, string Code)> _chinese = [];
    private readonly Dictionary<string, HashSet<string>> _englishStems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _chineseNames = new(StringComparer.Ordinal);

    public ConceptLexicon(Taxonomy.Taxonomy taxonomy)
    {
        foreach (var term in taxonomy.All)
        {
            var names = new List<string> { term.NameZh, term.NameEn };
            if (taxonomy.Synonyms.TryGetValue(term.Code, out var synonyms))
            {
                names.AddRange(synonyms);
            }
            foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => Words.Normalize(n.Trim())).Distinct(StringComparer.Ordinal))
            {
                Add(_exact, name, term.Code);
                if (Pinyin.HasHan(name))
                {
                    // One Han character names nothing reliably.
                    if (name.Length >= 2)
                    {
                        _chinese.Add((name, term.Code));
                        (_chineseNames.TryGetValue(term.Code, out var list) ? list : _chineseNames[term.Code] = []).Add(name);
                    }
                }
                else
                {
                    foreach (var stem in EnglishStems(name))
                    {
                        Add(_englishStems, stem, term.Code);
                    }
                }
            }
        }
        ChineseWords = _chinese.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        EnglishWords = _exact.Keys.Where(k => !Pinyin.HasHan(k) && k.Length >= 3).ToList();
    }

    public static ConceptLexicon Embedded => LazyEmbedded.Value;

    private static readonly Lazy<ConceptLexicon> LazyEmbedded = new(() => new ConceptLexicon(Taxonomy.Taxonomy.Embedded));

    /// <summary>Every Chinese name and synonym in the taxonomy (two characters or more).</summary>
    public IReadOnlyList<string> ChineseWords { get; }

    /// <summary>Every English name and synonym in the taxonomy, lower-cased.</summary>
    public IReadOnlyList<string> EnglishWords { get; }

    /// <summary>The Chinese names and synonyms of one concept.</summary>
    public IReadOnlyList<string> ChineseNamesOf(string code) => _chineseNames.TryGetValue(code, out var names) ? names : [];

    /// <summary>The concepts a query word names (empty when it names none).</summary>
    public IReadOnlySet<string> ConceptsOf(string word)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var w = Words.Normalize(word.Trim());
        if (w.Length == 0)
        {
            return found;
        }
        if (_exact.TryGetValue(w, out var exact))
        {
            found.UnionWith(exact);
        }
        if (Pinyin.HasHan(w))
        {
            if (w.Length >= 2)
            {
                foreach (var (name, code) in _chinese)
                {
                    if (name.Contains(w, StringComparison.Ordinal))
                    {
                        found.Add(code);
                    }
                }
            }
        }
        else
        {
            var stems = EnglishStems(w);
            if (stems.Count == 1 && _englishStems.TryGetValue(stems[0], out var byStem))
            {
                found.UnionWith(byStem);
            }
        }
        return found;
    }

    /// <summary>Stemmed English words, stop words out ("security guard" → secur, guard).</summary>
    internal static List<string> EnglishStems(string text)
    {
        var stems = new List<string>();
        using var analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);
        using var stream = analyzer.GetTokenStream("en", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            stems.Add(term.ToString());
        }
        stream.End();
        return stems;
    }

    private static void Add(Dictionary<string, HashSet<string>> map, string key, string code)
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }
        set.Add(code);
    }
}
