using System.Text;
using JiebaNet.Segmenter;

namespace Employment.Core.Search;

/// <summary>
/// Chinese cut into words (jieba.NET, its dictionary plus every Chinese word of the taxonomy, so
/// 看护老人 and 保洁员 stay whole). Search must require the words a person typed: with characters or
/// bigrams alone, 保安 finds every text with 保 or 安 in it.
/// </summary>
public static class Words
{
    private static readonly Lazy<JiebaSegmenter> Segmenter = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private static JiebaSegmenter Create()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "jieba");
        if (!File.Exists(Path.Combine(folder, "dict.txt")))
        {
            throw new InvalidOperationException($"jieba's dictionary is missing from {folder} (it is copied there by the build of Employment.Core)");
        }
        ConfigManager.ConfigFileBaseDir = folder;
        var segmenter = new JiebaSegmenter();
        // The taxonomy's words are the ones a jobseeker's search turns on: never cut them.
        foreach (var word in ConceptLexicon.Embedded.ChineseWords)
        {
            segmenter.AddWord(word);
        }
        return segmenter;
    }

    /// <summary>Folds full-width letters and digits and lower-cases, so ＣＮＣ is cnc.</summary>
    public static string Normalize(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>
    /// Words for the index: the search mode, which adds the shorter words inside a long one
    /// (写字楼保洁员 gives 写字楼, 保洁, 保洁员), so a query of any of them finds it.
    /// </summary>
    public static IEnumerable<string> ForIndex(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : SearchMode(PreciseCut(Normalize(text))).Where(IsWord);

    /// <summary>jieba's own search mode, which <see cref="ForIndex"/> must equal (the tests compare them).</summary>
    internal static IEnumerable<string> ForIndexByJieba(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : Segmenter.Value.CutForSearch(Normalize(text), hmm: false).Where(IsWord);

    /// <summary>
    /// jieba's search mode from its precise cut: each word, preceded by the dictionary's two- and
    /// then three-character words inside it when it is longer. Built here rather than by calling
    /// CutForSearch so that indexing cuts a text once: the concept scanner has just cut the same
    /// text precisely (<see cref="Cut"/>) to find where words begin, and that cut is reused.
    /// </summary>
    private static IEnumerable<string> SearchMode(string[] precise)
    {
        var dictionary = WordDictionary.Instance;
        foreach (var word in precise)
        {
            for (var n = 2; n <= 3; n++)
            {
                if (word.Length > n)
                {
                    for (var i = 0; i + n <= word.Length; i++)
                    {
                        var gram = word.Substring(i, n);
                        if (dictionary.ContainsWord(gram))
                        {
                            yield return gram;
                        }
                    }
                }
            }
            yield return word;
        }
    }

    // The last few texts cut on this thread: a document's text is cut for its concepts and then
    // for its words, and jieba is most of a position's indexing time.
    [ThreadStatic] private static string?[]? t_cutTexts;
    [ThreadStatic] private static string[][]? t_cuts;
    [ThreadStatic] private static int t_nextCut;

    private static string[] PreciseCut(string normalized)
    {
        var texts = t_cutTexts ??= new string?[4];
        var cuts = t_cuts ??= new string[4][];
        for (var i = 0; i < texts.Length; i++)
        {
            if (string.Equals(texts[i], normalized, StringComparison.Ordinal))
            {
                return cuts[i];
            }
        }
        var cut = Segmenter.Value.Cut(normalized, cutAll: false, hmm: false).ToArray();
        texts[t_nextCut] = normalized;
        cuts[t_nextCut] = cut;
        t_nextCut = (t_nextCut + 1) % texts.Length;
        return cut;
    }

    /// <summary>Words of a query, the precise cut: each word typed is one thing the results must have.</summary>
    public static IReadOnlyList<string> ForQuery(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : Segmenter.Value.Cut(Normalize(text), cutAll: false, hmm: false).Where(IsWord).ToList();

    /// <summary>
    /// Every piece of an already normalized text in the precise cut, punctuation and spaces
    /// included, so their lengths add up to the text's: where each word begins.
    /// </summary>
    public static IEnumerable<string> Cut(string normalized) => PreciseCut(normalized);

    /// <summary>Loads the dictionary now (a second or so) rather than on the first search.</summary>
    public static void Warm() => _ = Segmenter.Value;

    private static bool IsWord(string token) => token.Any(char.IsLetterOrDigit);
}
