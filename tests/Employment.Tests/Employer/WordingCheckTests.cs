using Employment.Core.Review;

namespace Employment.Tests.Employers;

public sealed class WordingCheckTests
{
    private static readonly WordingCheck Check = new();

    private static IReadOnlyList<WordingFlag> Flags(string description, int? minAge = null, int? maxAge = null, params string[] demands) =>
        Check.Check(new WordingInput("招聘岗位", description, minAge, maxAge, demands));

    [Theory]
    [InlineData("限男性，能吃苦", WordingKind.Gender, "限男性")]
    [InlineData("本岗位仅限女性", WordingKind.Gender, "仅限女")]
    [InlineData("男士优先，待遇从优", WordingKind.Gender, "男士优先")]
    [InlineData("性别：女", WordingKind.Gender, "性别：女")]
    [InlineData("Male only, night shifts", WordingKind.Gender, "Male only")]
    [InlineData("women preferred", WordingKind.Gender, "women preferred")]
    [InlineData("要求汉族", WordingKind.Ethnicity, "汉族")]
    [InlineData("限彝族以外人员", WordingKind.Ethnicity, "限彝族")]
    [InlineData("Han Chinese only", WordingKind.Ethnicity, "Han Chinese only")]
    [InlineData("需本地户口", WordingKind.HouseholdRegistration, "本地户口")]
    [InlineData("限本市户籍", WordingKind.HouseholdRegistration, "限本市户籍")]
    [InlineData("local hukou required", WordingKind.HouseholdRegistration, "local hukou")]
    [InlineData("要求未婚", WordingKind.MaritalStatus, "未婚")]
    [InlineData("已婚已育者优先", WordingKind.MaritalStatus, "已婚已育")]
    [InlineData("两年内不生育", WordingKind.MaritalStatus, "两年内不生育")]
    [InlineData("Unmarried applicants", WordingKind.MaritalStatus, "Unmarried")]
    [InlineData("身体健全，无残疾", WordingKind.Disability, "身体健全")]
    [InlineData("五官端正", WordingKind.Disability, "五官端正")]
    [InlineData("must be able-bodied", WordingKind.Disability, "able-bodied")]
    [InlineData("no disabilities", WordingKind.Disability, "no disabilities")]
    public void Discriminating_wording_is_flagged_with_the_phrase_and_a_reason_in_both_languages(string text, WordingKind kind, string phrase)
    {
        var flag = Assert.Single(Flags(text), f => f.Kind == kind && f.Phrase.Contains(phrase, StringComparison.OrdinalIgnoreCase));
        // The index points into title and description as the check read them.
        Assert.Equal(("招聘岗位\n" + text).IndexOf(flag.Phrase, StringComparison.Ordinal), flag.Index);
        Assert.NotEmpty(flag.Reason(english: false));
        Assert.NotEmpty(flag.Reason(english: true));
        Assert.NotEqual(flag.Reason(false), flag.Reason(true));
    }

    [Theory]
    [InlineData("负责小区日常保洁，男女不限，有无障碍通道，欢迎残疾人应聘。")]
    [InlineData("性别不限，户籍不限，提供单身宿舍和工作餐。")]
    [InlineData("男装店导购，负责陈列和收银，每周40小时。")]
    [InlineData("Cleaning offices, any gender, lifting under 20 kg, over 40 hours a month of overtime pay.")]
    [InlineData("Customer service for an online shop, men and women welcome, work from home.")]
    [InlineData("民族团结进步示范社区的网格员，熟悉社区工作。")]
    [InlineData("无户口要求，无性别要求。")]
    public void Innocent_text_is_not_flagged(string text)
    {
        Assert.Empty(Flags(text));
    }

    [Fact]
    public void An_age_in_the_text_is_flagged_only_beyond_the_declared_limits()
    {
        Assert.Equal(WordingKind.Age, Assert.Single(Flags("年龄35岁以下")).Kind);
        Assert.Equal("18-35岁", Assert.Single(Flags("年龄18-35岁，身体健康")).Phrase);
        Assert.Single(Flags("applicants aged 18 to 30", minAge: 18, maxAge: 45));
        Assert.Single(Flags("要求45岁以上", minAge: 18));

        Assert.Empty(Flags("年龄35岁以下", maxAge: 35));
        Assert.Empty(Flags("年龄18-35岁", minAge: 18, maxAge: 35));
        Assert.Empty(Flags("16岁以上均可"));
        Assert.Empty(Flags("applicants aged 18 to 30", minAge: 18, maxAge: 30));
        // Numbers that are not ages.
        Assert.Empty(Flags("每周40小时，搬运不超过20公斤，under 20 kg"));
    }

    [Fact]
    public void Eyesight_or_hearing_in_the_text_is_flagged_unless_the_work_declares_that_demand()
    {
        Assert.Equal(WordingKind.Disability, Assert.Single(Flags("要求视力良好")).Kind);
        Assert.Empty(Flags("要求视力良好", demands: "fine_vision"));
        Assert.Single(Flags("good hearing needed"));
        Assert.Empty(Flags("good hearing needed", demands: "hearing"));
    }

    [Fact]
    public void The_title_is_read_too_and_overlapping_phrases_flag_once()
    {
        var flags = Check.Check(new WordingInput("保安（限男性）", "已婚已育"));
        Assert.Equal([WordingKind.Gender, WordingKind.MaritalStatus], flags.Select(f => f.Kind));
        Assert.Equal("已婚已育", flags[1].Phrase);
    }
}
