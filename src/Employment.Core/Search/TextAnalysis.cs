using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Employment.Core.Taxonomy;
using Lucene.Net.Documents;
using Lucene.Net.Index;

namespace Employment.Core.Search;

/// <summary>
/// Chinese with bigrams and unigrams (so 厨 finds 厨房帮工), plus a stemmed English copy (so
/// "engineer" finds "engineers"). No SmartCn here: bigrams need no dictionary.
/// </summary>
internal sealed class CjkWithUnigramsAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        TokenStream stream = new CJKWidthFilter(source);
        stream = new CaselessFastLowerCaseFilter(stream);
        stream = new CJKBigramFilter(stream, CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA | CJKScript.HANGUL, outputUnigrams: true);
        return new TokenStreamComponents(source, stream);
    }
}

internal static class TextAnalysis
{
    public const string TextField = "text";
    public const string EnglishField = "text_en";
    public const string ConceptField = "concept";

    /// <summary>
    /// Any other tokenized field is a list of codes separated by spaces (see <see cref="Codes"/>):
    /// one field and one reused token stream per list instead of one per code, which is most of
    /// the indexing cost of a document with forty reach cells.
    /// </summary>
    public static Analyzer CreateAnalyzer() => new PerFieldAnalyzerWrapper(
        new WhitespaceAnalyzer(LuceneVersion.LUCENE_48),
        new Dictionary<string, Analyzer>
        {
            [TextField] = new CjkWithUnigramsAnalyzer(),
            [EnglishField] = new EnglishAnalyzer(LuceneVersion.LUCENE_48),
            // Cut once by the schema (Words.ForIndex), handed over as words separated by spaces.
            [PositionTextFields.TitleWords] = new PrecutWordAnalyzer(),
            [PositionTextFields.TextWords] = new PrecutWordAnalyzer(),
            // One exact term each, as a StringField gives, but through the analyzer's per-thread
            // reused stream: a StringField builds a new token stream (and takes Lucene's attribute
            // factory lock) for every document.
            [FieldNames.Id] = new KeywordAnalyzer(),
            [JobBankFields.Available] = new KeywordAnalyzer(),
        });

    /// <summary>
    /// True when the text has a Latin letter (ASCII, accented or full-width): only then is an
    /// English copy worth indexing or querying. Text without one gives the English analyzer
    /// nothing the CJK field does not already hold (its Han characters and digits), and the
    /// English word queries (<see cref="PositionTextQuery"/>) are Latin words.
    /// </summary>
    public static bool HasLatin(string? text)
    {
        if (text is null)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (c < 0x80 ? char.IsAsciiLetter(c)
                : c is >= '\u00C0' and <= '\u024F' or >= '\u1E00' and <= '\u1EFF' or >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A')
            {
                return true;
            }
        }
        return false;
    }

    private static readonly FieldType CodeListType = new()
    {
        IsIndexed = true,
        IsTokenized = true,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_ONLY,
    };

    /// <summary>A StringField's indexing (one term, no norms, documents only), tokenized by the keyword analyzer.</summary>
    private static readonly FieldType KeywordType = new()
    {
        IsIndexed = true,
        IsTokenized = true,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_ONLY,
    };

    private static readonly FieldType StoredKeywordType = new(KeywordType) { IsStored = true };

    static TextAnalysis()
    {
        CodeListType.Freeze();
        KeywordType.Freeze();
        StoredKeywordType.Freeze();
    }

    /// <summary>
    /// The same one term as <c>new StringField(field, value, store)</c>; only for fields the
    /// analyzer maps to the keyword analyzer (the id and "avail").
    /// </summary>
    public static Field Keyword(string field, string value, bool stored = false) => new(field, value, stored ? StoredKeywordType : KeywordType);

    /// <summary>Words already cut (no spaces inside one), as the value of a <see cref="PrecutWordAnalyzer"/> field.</summary>
    public static string Precut(IEnumerable<string> words) => string.Join(' ', words);

    /// <summary>
    /// Exact codes as terms of one field, the same terms a StringField per code would give
    /// (codes never contain spaces); null when there are none.
    /// </summary>
    public static Field? Codes(string field, IEnumerable<string> codes)
    {
        var text = string.Join(' ', codes.Where(c => !string.IsNullOrWhiteSpace(c)));
        return text.Length == 0 ? null : new Field(field, text, CodeListType);
    }

    /// <summary>
    /// The text signal: every token of the query in both analyses, and every taxonomy concept the
    /// words name, as optional clauses (BM25 weighs them). Built by hand rather than with
    /// QueryParser, which is not thread-safe and would read 打扫+清洁 as syntax.
    /// </summary>
    public static Query? BuildQuery(Analyzer analyzer, string? text, ConceptScanner concepts)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var query = new BooleanQuery();
        AddTerms(query, analyzer, TextField, text);
        if (HasLatin(text))
        {
            // Documents without a Latin letter have no English copy (see HasLatin).
            AddTerms(query, analyzer, EnglishField, text);
        }
        foreach (var code in concepts.ConceptsIn(text))
        {
            query.Add(new TermQuery(new Term(ConceptField, code)) { Boost = 2f }, Occur.SHOULD);
        }
        return query.Clauses.Count == 0 ? null : query;
    }

    private static void AddTerms(BooleanQuery query, Analyzer analyzer, string field, string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var token = term.ToString();
            if (seen.Add(token) && query.Clauses.Count < BooleanQuery.MaxClauseCount - 64)
            {
                query.Add(new TermQuery(new Term(field, token)), Occur.SHOULD);
            }
        }
        stream.End();
    }
}

/// <summary>
/// Lucene's <see cref="LowerCaseFilter"/> with a fast path: Lucene.Net lower-cases every token
/// through ICU, even a Han character, which has no case (a tenth of the time spent indexing
/// Chinese text). A token of ASCII and caseless CJK characters only is lower-cased here; any other
/// token goes through the same call as LowerCaseFilter, so the terms are the same.
/// </summary>
internal sealed class CaselessFastLowerCaseFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly Lucene.Net.Analysis.Util.CharacterUtils _utils = Lucene.Net.Analysis.Util.CharacterUtils.GetInstance(LuceneVersion.LUCENE_48);

    public CaselessFastLowerCaseFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        var buffer = _term.Buffer;
        var length = _term.Length;
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            if (c < 0x80)
            {
                if (c is >= 'A' and <= 'Z')
                {
                    buffer[i] = (char)(c + 32);
                }
            }
            else if (!IsCaseless(c))
            {
                // The whole token as LowerCaseFilter does it (lowering the ASCII done so far again is harmless).
                _utils.ToLower(buffer, 0, length);
                break;
            }
        }
        return true;
    }

    /// <summary>CJK ideographs, kana and hangul syllables: scripts without case.</summary>
    private static bool IsCaseless(char c) =>
        c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF';
}

/// <summary>
/// Words the schema already cut with jieba (<see cref="Words.ForIndex"/>), joined by spaces: a
/// position's title, description and employer are each cut once and the pieces shared by the
/// title, text and pinyin fields, instead of jieba running over the title three times.
/// </summary>
internal sealed class PrecutWordAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) => new(new SpaceTokenizer(reader));

    private sealed class SpaceTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute _term;
        private string _text = "";
        private int _next;

        public SpaceTokenizer(TextReader input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            ClearAttributes();
            while (_next < _text.Length && _text[_next] == ' ')
            {
                _next++;
            }
            if (_next >= _text.Length)
            {
                return false;
            }
            var end = _text.IndexOf(' ', _next);
            if (end < 0)
            {
                end = _text.Length;
            }
            var length = end - _next;
            var buffer = _term.ResizeBuffer(length);
            _text.CopyTo(_next, buffer, 0, length);
            _term.Length = length;
            _next = end;
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            _text = m_input.ReadToEnd();
            _next = 0;
        }
    }
}
