using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Employment.Core.Search;

/// <summary>The job bank's fields for text search with words (schema jobbank-5).</summary>
internal static class PositionTextFields
{
    /// <summary>The title cut into words (search mode: 保洁员 gives 保洁 and 保洁员).</summary>
    public const string TitleWords = "title_w";
    /// <summary>Title, description and employer cut into words.</summary>
    public const string TextWords = "text_w";
    /// <summary>What the position is, as codes: its required skills, what it offers and demands, and the concepts its title names.</summary>
    public const string Concepts = "concept_t";
    /// <summary>Pinyin (full and initials) of the words of the title and the employer's name.</summary>
    public const string TitlePinyin = "py_t";
    /// <summary>Pinyin (full and initials) of the Chinese names of the position's required skills and title concepts.</summary>
    public const string ConceptPinyin = "py_c";
}

/// <summary>A query built from a person's words, and the best score a result could reach.</summary>
internal sealed record PositionTextPlan(Query Query, int Groups, IReadOnlyList<string> Words)
{
    /// <summary>Per word: the best way it is met (a concept, 4) plus a tenth of the others.</summary>
    public double MaxScore => Groups * 4.4;
}

/// <summary>
/// What the kiosk's box, the counselor's search and the public API's q find. Every word of the
/// query must be met, each by any of: a concept it names (weight 4), the title (3), the pinyin of
/// the title or of the concept names (3/4), or, for a word that names no concept, the description
/// (1). A concept match therefore outranks a title word, which outranks a stray description word.
/// Character bigrams only come in for a long word the index does not know at all.
/// </summary>
internal static class PositionTextQuery
{
    private const float ConceptWeight = 4f;
    private const float TitleWeight = 3f;
    private const float PrefixWeight = 2f;
    private const float TextWeight = 1f;

    /// <summary>Words that say "I am looking for work" rather than which work: dropped when anything else is left.</summary>
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "我", "想", "要", "找", "的", "了", "在", "有", "吗", "呢", "啊", "请", "做", "干", "份", "个", "一", "一个", "一份",
        "工作", "岗位", "职位", "招聘", "招", "找工作", "想找", "job", "jobs", "want", "find", "looking", "i", "a", "the", "for",
    };

    /// <param name="moreFiller">A catalog's own filler (the course search's 培训, 课程), beside the job words' own.</param>
    public static IReadOnlyList<string> QueryWords(string? text, IReadOnlySet<string>? moreFiller = null)
    {
        var words = Words.ForQuery(text).Distinct(StringComparer.Ordinal).Take(16).ToList();
        var meaningful = words.Where(w => !Filler.Contains(w) && moreFiller?.Contains(w) != true).ToList();
        return meaningful.Count > 0 ? meaningful : words;
    }

    public static PositionTextPlan? Build(string? text, IndexReader reader, IReadOnlySet<string>? moreFiller = null)
    {
        var words = QueryWords(text, moreFiller);
        if (words.Count == 0)
        {
            return null;
        }
        var query = new BooleanQuery();
        var groups = 0;
        foreach (var word in words)
        {
            if (Group(word, reader) is { } group)
            {
                query.Add(group, Occur.MUST);
                groups++;
            }
        }
        return groups == 0 ? null : new PositionTextPlan(query, groups, words);
    }

    /// <summary>The ways one word can be met; the best counts, the others break ties (a concept and a title word beat a concept alone).</summary>
    private static Query? Group(string word, IndexReader reader)
    {
        var group = new WordGroup();
        var concepts = ConceptLexicon.Embedded.ConceptsOf(word);
        foreach (var code in concepts)
        {
            group.Add(Weighted(new TermQuery(new Term(PositionTextFields.Concepts, code)), ConceptWeight), Occur.SHOULD);
        }
        if (Pinyin.HasHan(word))
        {
            if (word.Length == 1)
            {
                // One character is a start, not a word: 厨 finds 厨房 and 厨师 in titles.
                group.Add(Weighted(new PrefixQuery(new Term(PositionTextFields.TitleWords, word)), PrefixWeight), Occur.SHOULD);
            }
            else
            {
                group.Add(Weighted(new TermQuery(new Term(PositionTextFields.TitleWords, word)), TitleWeight), Occur.SHOULD);
                if (concepts.Count == 0)
                {
                    group.Add(Weighted(new TermQuery(new Term(PositionTextFields.TextWords, word)), TextWeight), Occur.SHOULD);
                    if (word.Length >= 3 && reader.DocFreq(new Term(PositionTextFields.TitleWords, word)) == 0
                        && reader.DocFreq(new Term(PositionTextFields.TextWords, word)) == 0 && Bigrams(word) is { } bigrams)
                    {
                        group.Add(Weighted(bigrams, TextWeight), Occur.SHOULD);
                    }
                }
            }
        }
        else
        {
            group.Add(Weighted(new TermQuery(new Term(PositionTextFields.TitleWords, word)), TitleWeight), Occur.SHOULD);
            group.Add(Weighted(new TermQuery(new Term(PositionTextFields.TitlePinyin, word)), TitleWeight), Occur.SHOULD);
            group.Add(Weighted(new TermQuery(new Term(PositionTextFields.ConceptPinyin, word)), ConceptWeight), Occur.SHOULD);
            if (concepts.Count == 0)
            {
                group.Add(Weighted(new TermQuery(new Term(PositionTextFields.TextWords, word)), TextWeight), Occur.SHOULD);
                foreach (var stem in ConceptLexicon.EnglishStems(word))
                {
                    group.Add(Weighted(new TermQuery(new Term(TextAnalysis.EnglishField, stem)), TextWeight), Occur.SHOULD);
                }
            }
        }
        return group.Clauses.Count == 0 ? null : group.Query;
    }

    private sealed class WordGroup
    {
        public DisjunctionMaxQuery Query { get; } = new(0.1f);
        public List<Query> Clauses { get; } = [];

        public void Add(Query query, Occur _)
        {
            Clauses.Add(query);
            Query.Add(query);
        }
    }

    /// <summary>The weak fallback: every bigram of an unknown word, in the bigram field.</summary>
    private static Query? Bigrams(string word)
    {
        var all = new BooleanQuery();
        for (var i = 0; i + 1 < word.Length; i++)
        {
            if (Pinyin.IsHan(word[i]) && Pinyin.IsHan(word[i + 1]))
            {
                all.Add(new TermQuery(new Term(TextAnalysis.TextField, word.Substring(i, 2))), Occur.MUST);
            }
        }
        return all.Clauses.Count == 0 ? null : all;
    }

    private static Query Weighted(Query query, float weight) => new ConstantScoreQuery(query) { Boost = weight };
}

/// <summary>The pinyin terms indexed for words: each word's full spellings and, from two characters, its initials.</summary>
internal static class PinyinTerms
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> ByConcept = new(StringComparer.Ordinal);

    /// <summary>The same few thousand words come back in every title: each word's pinyin is spelled once.</summary>
    private static readonly Memo<string[]> ByWord = new(w => [.. Pinyin.Spellings(w).Concat(Pinyin.Initials(w))], 200_000);

    public static IEnumerable<string> Of(IEnumerable<string> words) =>
        words.Where(w => w.Length >= 2 && Pinyin.HasHan(w))
            .SelectMany(w => ByWord[w])
            .Distinct(StringComparer.Ordinal);

    /// <summary>The pinyin of a concept's Chinese names and of the words inside them (商业保洁 also gives baojie).</summary>
    public static IEnumerable<string> OfConcept(string code) =>
        ByConcept.GetOrAdd(code, c => Of(ConceptLexicon.Embedded.ChineseNamesOf(c).SelectMany(n => Words.ForIndex(n).Append(n))).ToArray());
}
