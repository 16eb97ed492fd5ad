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
        stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
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
            [PositionTextFields.TitleWords] = new WordAnalyzer(),
            [PositionTextFields.TextWords] = new WordAnalyzer(),
        });

    private static readonly FieldType CodeListType = new()
    {
        IsIndexed = true,
        IsTokenized = true,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_ONLY,
    };

    static TextAnalysis() => CodeListType.Freeze();

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
        AddTerms(query, analyzer, EnglishField, text);
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
