using System.Text;
using JiebaNet.Segmenter;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

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
        string.IsNullOrWhiteSpace(text) ? [] : Segmenter.Value.CutForSearch(Normalize(text), hmm: false).Where(IsWord);

    /// <summary>Words of a query, the precise cut: each word typed is one thing the results must have.</summary>
    public static IReadOnlyList<string> ForQuery(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : Segmenter.Value.Cut(Normalize(text), cutAll: false, hmm: false).Where(IsWord).ToList();

    /// <summary>
    /// Every piece of an already normalized text in the precise cut, punctuation and spaces
    /// included, so their lengths add up to the text's: where each word begins.
    /// </summary>
    public static IEnumerable<string> Cut(string normalized) => Segmenter.Value.Cut(normalized, cutAll: false, hmm: false);

    /// <summary>Loads the dictionary now (a second or so) rather than on the first search.</summary>
    public static void Warm() => _ = Segmenter.Value;

    private static bool IsWord(string token) => token.Any(char.IsLetterOrDigit);
}

/// <summary>The word cutter as a Lucene analyzer, for the title and full-text word fields.</summary>
internal sealed class WordAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) => new(new WordTokenizer(reader));

    private sealed class WordTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute _term;
        private List<string> _words = [];
        private int _next;

        public WordTokenizer(TextReader input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            ClearAttributes();
            if (_next >= _words.Count)
            {
                return false;
            }
            _term.SetEmpty().Append(_words[_next++]);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            _words = Words.ForIndex(m_input.ReadToEnd()).ToList();
            _next = 0;
        }
    }
}
