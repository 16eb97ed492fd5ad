using Employment.Core.Search;
using Employment.Core.Taxonomy;
using Employment.Demo;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Employment.Tests.Search;

/// <summary>
/// The indexing shortcuts must index exactly what the slow way did: jieba's search mode built from
/// one precise cut, the fast lower-casing, and the words handed to Lucene already cut.
/// </summary>
public sealed class IndexingAnalysisTests
{
    private static readonly string[] Tricky =
    [
        "写字楼保洁员", "中华人民共和国国家统计局", "养老护理员（夜班）", "ＣＮＣ操作工，每周40小时", "looking for cleaning work",
        "  ", "保安\n锦江物业\n", "Café 服务员 naïve", "電工 电工", "快递员/送餐员 2026年", "a", "ΑΒΓ Ωμέγα", "𠀀𠀁 汉字",
    ];

    [Fact]
    public void Search_mode_from_one_precise_cut_is_jiebas_search_mode()
    {
        var region = SyntheticRegion.Generate(20261124, 400, 800);
        var texts = region.Positions.SelectMany(p => new[] { p.Title, p.Description, p.EmployerName })
            .Concat(region.Seekers.Select(s => s.Intention))
            .Concat(ConceptLexicon.Embedded.ChineseWords.Take(500))
            .Concat(Tricky);
        var compared = 0;
        foreach (var text in texts)
        {
            // The concept scanner cuts first (filling the per-thread cut), as in the schema.
            ConceptScanner.Embedded.ConceptsIn(text);
            Assert.Equal(Words.ForIndexByJieba(text).ToList(), Words.ForIndex(text).ToList());
            compared++;
        }
        Assert.True(compared > 2000);
    }

    [Fact]
    public void Fast_lower_casing_gives_lucenes_terms()
    {
        foreach (var text in Tricky.Append("DŽungla İstanbul ǅ ΣΊΣΥΦΟΣ Straße ＡＢＣ ｱｲｳ 한국어 HELLO Wörld"))
        {
            Assert.Equal(Terms(new LuceneLowerCasing(), text), Terms(new FastLowerCasing(), text));
        }
    }

    [Fact]
    public void Latin_letters_decide_the_english_copy()
    {
        Assert.True(TextAnalysis.HasLatin("保洁 cleaner"));
        Assert.True(TextAnalysis.HasLatin("Café"));
        Assert.True(TextAnalysis.HasLatin("ＣＮＣ操作工"));
        Assert.False(TextAnalysis.HasLatin("保洁员，每周40小时"));
        Assert.False(TextAnalysis.HasLatin(null));
    }

    [Fact]
    public void Precut_words_are_indexed_as_they_were_cut()
    {
        var words = Words.ForIndex("写字楼保洁员 night shift").ToList();
        using var analyzer = TextAnalysis.CreateAnalyzer();
        Assert.Equal(words, Tokens(analyzer, PositionTextFields.TitleWords, TextAnalysis.Precut(words)));
    }

    private static List<string> Terms(Analyzer analyzer, string text) => Tokens(analyzer, "f", text);

    private static List<string> Tokens(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }

    private sealed class LuceneLowerCasing : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
            return new TokenStreamComponents(source, new LowerCaseFilter(LuceneVersion.LUCENE_48, source));
        }
    }

    private sealed class FastLowerCasing : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
            return new TokenStreamComponents(source, new CaselessFastLowerCaseFilter(source));
        }
    }
}
