using System.Text;
using Employment.Core.Search;

namespace Employment.Core.Taxonomy;

/// <summary>A taxonomy concept named in a text: where, and by which of its words.</summary>
public sealed record ConceptMention(string Code, int At, int Length, string Phrase);

/// <summary>
/// The one reading of free text as taxonomy concepts, through the codes' names in both languages
/// and seed-data/taxonomy/synonyms.csv: the indexes read a posting's and a person's words with it,
/// search reads a query with it, and the employer's form proposes codes with it. One rule for what
/// counts as naming a concept, so the posting form never suggests what the engine would not read:
/// <list type="bullet">
/// <item>a Chinese word counts when it has two characters or more and begins where a word of the
/// text begins (jieba's cut): 护工 is not read in 绿化养护工, whose words are 绿化 and 养护;</item>
/// <item>a Latin word stands alone ("it" is not in "with"); one of two letters (IT, PS, B2) says too
/// little in lower case in running text, so it counts only as the taxonomy writes it.</item>
/// </list>
/// </summary>
public sealed class ConceptScanner
{
    // By first character (folded): a text is scanned once, not once per word.
    private readonly Dictionary<char, Entry[]> _byFirst;

    private readonly record struct Entry(string Word, string Code, bool Latin, bool CaseSensitive);

    /// <param name="taxonomy">The codes and their words.</param>
    /// <param name="moreWords">Words a caller reads as naming a code beyond its names and synonyms
    /// (the posting form's cues); they follow the same rule.</param>
    public ConceptScanner(Taxonomy taxonomy, IEnumerable<(string Code, string Word)>? moreWords = null)
    {
        var words = new List<(string Code, string Word)>();
        foreach (var term in taxonomy.All)
        {
            words.Add((term.Code, term.NameZh));
            words.Add((term.Code, term.NameEn));
            foreach (var synonym in taxonomy.Synonyms.GetValueOrDefault(term.Code) ?? [])
            {
                words.Add((term.Code, synonym));
            }
        }
        words.AddRange(moreWords ?? []);

        var entries = new List<Entry>();
        var seen = new HashSet<(string, string)>();
        foreach (var (code, raw) in words)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }
            var written = raw.Trim().Normalize(NormalizationForm.FormKC);
            var latin = !written.Any(IsHan);
            // One Han character or one Latin letter names nothing reliably.
            if (written.Length < 2)
            {
                continue;
            }
            var caseSensitive = latin && written.Length == 2;
            var word = caseSensitive ? written : written.ToLowerInvariant();
            if (seen.Add((code, word)))
            {
                entries.Add(new Entry(word, code, latin, caseSensitive));
            }
        }
        // Longer words first at each position, so a mention's phrase is the most specific word.
        _byFirst = entries
            .GroupBy(e => char.ToLowerInvariant(e.Word[0]))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Word.Length).ThenBy(e => e.Word, StringComparer.Ordinal).ToArray());
    }

    /// <summary>The taxonomy read with its own words only: what the indexes and search use.</summary>
    public static ConceptScanner Embedded => LazyEmbedded.Value;

    private static readonly Lazy<ConceptScanner> LazyEmbedded = new(() => new ConceptScanner(Taxonomy.Embedded));

    /// <summary>The codes the text names, each once.</summary>
    public IReadOnlySet<string> ConceptsIn(string? text)
    {
        // The indexes call this for every document: codes only, no mention records or phrases.
        var codes = new HashSet<string>(StringComparer.Ordinal);
        Find(text, null, codes);
        return codes;
    }

    /// <summary>Every mention in text order (at one position, the longer word first).</summary>
    public IReadOnlyList<ConceptMention> Scan(string? text)
    {
        var mentions = new List<ConceptMention>();
        Find(text, mentions, null);
        return mentions;
    }

    private void Find(string? text, List<ConceptMention>? mentions, HashSet<string>? codes)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        var written = text.Normalize(NormalizationForm.FormKC);
        var folded = written.ToLowerInvariant();
        HashSet<int>? wordStarts = null;
        for (var at = 0; at < folded.Length; at++)
        {
            if (!_byFirst.TryGetValue(folded[at], out var candidates))
            {
                continue;
            }
            foreach (var entry in candidates)
            {
                var haystack = entry.CaseSensitive ? written : folded;
                if (at + entry.Word.Length > haystack.Length || string.CompareOrdinal(haystack, at, entry.Word, 0, entry.Word.Length) != 0)
                {
                    continue;
                }
                if (entry.Latin)
                {
                    if (!IsLatinBoundary(folded, at - 1) || !IsLatinBoundary(folded, at + entry.Word.Length))
                    {
                        continue;
                    }
                }
                else if (at > 0 && IsHan(folded[at - 1]) && !(wordStarts ??= WordStarts(folded)).Contains(at))
                {
                    continue;
                }
                mentions?.Add(new ConceptMention(entry.Code, at, entry.Word.Length, written.Substring(at, entry.Word.Length)));
                codes?.Add(entry.Code);
            }
        }
    }

    /// <summary>Where jieba's precise cut begins a word (the taxonomy's own words are never cut).</summary>
    private static HashSet<int> WordStarts(string text)
    {
        var starts = new HashSet<int>();
        var at = 0;
        foreach (var piece in Words.Cut(text))
        {
            starts.Add(at);
            at += piece.Length;
        }
        // Should the cut ever not cover the text piece by piece, no position is trusted to be
        // inside a word: every one is a start, as before the cut was consulted.
        return at == text.Length ? starts : Enumerable.Range(0, text.Length).ToHashSet();
    }

    private static bool IsLatinBoundary(string text, int index) =>
        index < 0 || index >= text.Length || !char.IsAsciiLetterOrDigit(text[index]);

    private static bool IsHan(char c) => c >= 0x2E80;
}
