using Employment.Core.Matching;
using Employment.Tests.Matching;

namespace Employment.Tests.Search;

/// <summary>The free-text signal: Chinese unigrams and bigrams, English stems, and synonyms onto taxonomy codes.</summary>
public sealed class TextSearchTests
{
    private static readonly PositionProfile[] Positions =
    [
        A.Position("P-kitchen") with { Title = "厨房帮工" },
        A.Position("P-clean").Requiring("clean.basic") with { Title = "物业岗位" },
        A.Position("P-elder").Requiring("care.elder") with { Title = "护理岗位" },
        A.Position("P-engineers") with { Title = "Maintenance engineers wanted" },
        A.Position("P-guard").Requiring("sec.guard") with { Title = "门岗" },
    ];

    private static string Best(string query)
    {
        using var indexes = new TestIndexes().With(Positions, [A.Seeker()]);
        return indexes.Engine.PositionsFor(A.Seeker(), A.Request(query: query))[0].Id;
    }

    [Fact]
    public void One_character_finds_a_longer_title() => Assert.Equal("P-kitchen", Best("厨"));

    [Theory]
    [InlineData("打扫")]
    [InlineData("清洁")]
    [InlineData("cleaner")]
    public void Everyday_words_find_cleaning_work(string query) => Assert.Equal("P-clean", Best(query));

    [Fact]
    public void Looking_after_old_people_finds_elderly_care() => Assert.Equal("P-elder", Best("看护老人"));

    [Fact]
    public void English_is_stemmed() => Assert.Equal("P-engineers", Best("engineer"));

    [Fact]
    public void The_query_is_a_signal_not_a_filter()
    {
        using var indexes = new TestIndexes().With(Positions, [A.Seeker()]);
        var matches = indexes.Engine.PositionsFor(A.Seeker(), A.Request(query: "厨"));
        Assert.Equal(Positions.Length, matches.Count);
        Assert.True(matches[0].Features.Text > 0);
        Assert.Equal(0, matches[^1].Features.Text);
    }

    [Fact]
    public void Seekers_are_found_by_their_own_words()
    {
        var position = A.Position("P-1");
        var seekers = new[] { A.Seeker("S-care") with { Intention = "想照顾老人" }, A.Seeker("S-other") with { Intention = "开车" } };
        using var indexes = new TestIndexes().With([position], seekers);
        Assert.Equal("S-care", indexes.Engine.SeekersFor(position, A.Request(query: "养老护理")).First().Id);
    }
}

/// <summary>The words behind near-miss corrections and the kiosk's pinyin keyboard.</summary>
public sealed class SearchVocabularyTests
{
    [Fact]
    public void The_pinyin_keyboard_offers_words_of_open_titles_and_of_the_taxonomy_not_of_closed_postings()
    {
        var positions = new[]
        {
            A.Position("P-open") with { Title = "蜂蜜包装工" },
            A.Position("P-closed") with { Title = "风筝师傅", IsOpen = false },
        };
        using var indexes = new TestIndexes().With(positions, [A.Seeker()]);
        var search = new Employment.Core.Search.PositionTextSearch(indexes.JobBank);
        Assert.Contains("蜂蜜", search.WordsStartingWith("fengm", 12));
        Assert.DoesNotContain("风筝", search.WordsStartingWith("feng", 12));
        // Taxonomy words come whatever the job bank holds; full pinyin and initials both lead there.
        Assert.Equal("保安", search.WordsStartingWith("baoan", 12)[0]);
        Assert.Contains("保洁", search.WordsStartingWith("bj", 12));
    }

    [Theory]
    [InlineData("报安", "保安")]
    [InlineData("保结", "保洁")]
    [InlineData("cleanr", "cleaner")]
    public void A_near_miss_is_searched_as_the_word_meant(string typed, string meant)
    {
        var positions = new[]
        {
            A.Position("P-guard-1").Requiring("sec.guard") with { Title = "保安员" },
            A.Position("P-guard-2").Requiring("sec.guard") with { Title = "夜班保安" },
            A.Position("P-guard-3").Requiring("sec.guard") with { Title = "小区门岗" },
            A.Position("P-clean-1").Requiring("clean.basic") with { Title = "保洁员" },
            A.Position("P-clean-2").Requiring("clean.basic") with { Title = "楼道保洁员" },
            A.Position("P-clean-3").Requiring("clean.basic") with { Title = "道路保洁员" },
        };
        using var indexes = new TestIndexes().With(positions, [A.Seeker()]);
        var result = new Employment.Core.Search.PositionTextSearch(indexes.JobBank).Search(typed, A.Today);
        Assert.Equal(meant, result.DidYouMean);
        Assert.Equal(3, result.Hits.Count);
    }
}
