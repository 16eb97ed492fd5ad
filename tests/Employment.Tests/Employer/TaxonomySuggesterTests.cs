using Employment.Core.Taxonomy;

namespace Employment.Tests.Employers;

public sealed class TaxonomySuggesterTests
{
    private static readonly TaxonomySuggester Suggester = new(Taxonomy.Embedded);

    private static List<string> Codes(string title, string? description = null) =>
        Suggester.Suggest(title, description).Select(s => s.Code).ToList();

    [Theory]
    [InlineData("负责楼道打扫", "clean.basic")]
    [InlineData("看护老人，协助进餐", "care.elder")]
    [InlineData("仓库搬运", "lifting_heavy")]
    [InlineData("需要搬重物上楼", "lifting_heavy")]
    [InlineData("偶尔需要移动重物", "lifting_heavy")]
    [InlineData("有轮椅通道", "step_free_access")]
    [InlineData("办公区无障碍", "step_free_access")]
    [InlineData("Office cleaning in the evening", "clean.commercial")]
    [InlineData("Wheelchair accessible, sign language interpreter on site", "step_free_access")]
    [InlineData("夜班保安", "night_shift")]
    public void The_text_suggests_the_codes_it_mentions(string text, string code)
    {
        Assert.Contains(code, Codes(text));
    }

    [Fact]
    public void Each_suggestion_names_its_kind_group_names_and_the_phrase_that_matched()
    {
        var suggestions = Suggester.Suggest("社区保洁员", "每天打扫楼道，需搬运垃圾桶，提供轮椅坡道");
        var lifting = Assert.Single(suggestions, s => s.Code == "lifting_heavy");
        Assert.Equal(TaxonomyKind.Demand, lifting.Kind);
        Assert.Equal("搬运", lifting.Phrase);
        Assert.Equal("heavy lifting", lifting.Name(english: true));
        Assert.Equal("搬运重物", lifting.Name(english: false));
        Assert.Equal(TaxonomyKind.Accommodation, Assert.Single(suggestions, s => s.Code == "step_free_access").Kind);
        Assert.Equal(TaxonomyKind.Skill, Assert.Single(suggestions, s => s.Code == "clean.basic").Kind);
        Assert.Equal(suggestions.Count, suggestions.Select(s => s.Code).Distinct().Count());
    }

    [Fact]
    public void A_negated_mention_and_words_too_short_to_mean_anything_suggest_nothing()
    {
        Assert.DoesNotContain("lifting_heavy", Codes("前台接待", "无需搬运重物"));
        Assert.DoesNotContain("night_shift", Codes("文员", "不用上夜班"));
        Assert.DoesNotContain("lifting_heavy", Codes("Receptionist", "no heavy lifting"));
        // 听 (hearing) alone and IT/PS in other words are not cues.
        Assert.Empty(Codes("听说这里好", "Split shifts"));
        Assert.Empty(Codes("", null));
    }

    [Fact]
    public void A_word_inside_a_phrase_that_means_something_else_suggests_nothing()
    {
        // 居家养老: care in the client's home, not work from one's own.
        Assert.DoesNotContain("remote_work", Codes("居家养老护理员"));
        Assert.Contains("care.elder", Codes("居家养老护理员"));
        Assert.Contains("remote_work", Codes("网店客服", "居家办公，电脑操作"));
    }

    [Fact]
    public void A_negation_does_not_reach_past_its_clause()
    {
        Assert.Contains("lifting_heavy", Codes("仓库", "无需经验，需要搬运货物"));
    }
}
