namespace Employment.Core.Taxonomy;

/// <summary>A taxonomy code the text seems to mention, and the words that made it so.</summary>
public sealed record TaxonomySuggestion(string Code, TaxonomyKind Kind, string Group, string NameZh, string NameEn, string Phrase)
{
    public string Name(bool english) => english ? NameEn : NameZh;
}

/// <summary>
/// Reads an employer's title and description and proposes the skills, demands and accommodations
/// it mentions, for the employer to confirm: nothing is ticked on their behalf. The words are the
/// codes' own names in both languages and seed-data/taxonomy/synonyms.csv, plus a few cues of its
/// own below.
/// </summary>
public sealed class TaxonomySuggester
{
    /// <summary>
    /// Words that name a demand in a posting without being a synonym of it: 搬运 is the loader's
    /// skill in synonyms.csv (the engine reads a person's words with it), but in a posting it also
    /// says the work means lifting. Kept here so the engine's text matching is not changed.
    /// </summary>
    private static readonly (string Code, string[] Terms)[] PostingCues =
    [
        ("lifting_heavy", ["搬运", "重物", "装卸", "扛包", "lifting", "carry heavy", "heavy loads"]),
        ("standing_long", ["久站", "站立工作", "on your feet"]),
        ("outdoor", ["风吹日晒", "露天作业"]),
        ("night_shift", ["三班倒", "两班倒"]),
        ("step_free_access", ["无障碍", "轮椅"]),
    ];

    /// <summary>
    /// Phrases in which a code's word means something else: 居家养老 is care in the client's home,
    /// not work from one's own.
    /// </summary>
    private static readonly Dictionary<string, string[]> NotWithin = new(StringComparer.Ordinal)
    {
        ["remote_work"] = ["居家养老", "居家护理", "居家照护", "居家服务", "居家上门"],
    };

    /// <summary>
    /// Words that turn a mention into its opposite when they come just before it: "无需搬运" says
    /// the work does not mean lifting.
    /// </summary>
    private static readonly string[] Negations = ["无需", "无须", "不需要", "不需", "不用", "不必", "不要求", "没有", "no ", "not ", "without ", "non-"];

    private const int NegationWindow = 12;

    private readonly ConceptScanner _scanner;
    private readonly Taxonomy _taxonomy;

    public TaxonomySuggester(Taxonomy taxonomy)
    {
        _taxonomy = taxonomy;
        _scanner = new ConceptScanner(taxonomy, PostingCues.SelectMany(c => c.Terms.Select(word => (c.Code, word))));
    }

    /// <summary>Codes the text mentions, in the order they first appear; each code once.</summary>
    public IReadOnlyList<TaxonomySuggestion> Suggest(params string?[] texts)
    {
        var text = string.Join("\n", texts.Where(t => !string.IsNullOrWhiteSpace(t)));
        if (text.Length == 0)
        {
            return [];
        }
        if (text.Length > 10_000)
        {
            text = text[..10_000];
        }
        var found = new List<TaxonomySuggestion>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mention in _scanner.Scan(text))
        {
            if (named.Contains(mention.Code) || Negated(text, mention.At) || Within(text, mention)
                || _taxonomy.Find(mention.Code) is not { } term)
            {
                continue;
            }
            named.Add(mention.Code);
            found.Add(new TaxonomySuggestion(term.Code, term.Kind, term.Group, term.NameZh, term.NameEn, mention.Phrase));
        }
        return found;
    }

    private static bool Negated(string text, int at)
    {
        var start = Math.Max(0, at - NegationWindow);
        var before = text[start..at];
        // A negation only reaches across its own clause.
        var clause = before.LastIndexOfAny(['，', ',', '。', '.', '；', ';', '、', '\n', '！', '!', '？', '?']);
        if (clause >= 0)
        {
            before = before[(clause + 1)..];
        }
        return Negations.Any(n => before.Contains(n, StringComparison.OrdinalIgnoreCase));
    }

    private static bool Within(string text, ConceptMention m)
    {
        if (!NotWithin.TryGetValue(m.Code, out var phrases))
        {
            return false;
        }
        foreach (var phrase in phrases)
        {
            for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
            {
                if (at <= m.At && m.At + m.Length <= at + phrase.Length)
                {
                    return true;
                }
            }
        }
        return false;
    }

}
