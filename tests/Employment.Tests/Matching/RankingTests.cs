using System.Globalization;
using Employment.Core.Domain;
using Employment.Core.Matching;

namespace Employment.Tests.Matching;

/// <summary>Each ranking factor moves a position the right way, in the engine and the exhaustive matcher alike.</summary>
public sealed class RankingTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private static List<string> PositionsFor(SeekerProfile seeker, params PositionProfile[] positions)
    {
        using var indexes = new TestIndexes().With(positions, [seeker]);
        var engine = indexes.Engine.PositionsFor(seeker, A.Request()).Select(m => m.Id).ToList();
        var exhaustive = new ExhaustiveMatcher(positions, [seeker]).PositionsFor(seeker, A.Request()).Select(m => m.Id).ToList();
        Assert.Equal(exhaustive, engine);
        return engine;
    }

    private static List<string> SeekersFor(PositionProfile position, params SeekerProfile[] seekers)
    {
        using var indexes = new TestIndexes().With([position], seekers);
        var engine = indexes.Engine.SeekersFor(position, A.Request()).Select(m => m.Id).ToList();
        var exhaustive = new ExhaustiveMatcher([position], seekers).SeekersFor(position, A.Request()).Select(m => m.Id).ToList();
        Assert.Equal(exhaustive, engine);
        return engine;
    }

    [Fact]
    public void Required_skill_beats_preferred_skill()
    {
        var seeker = A.Seeker().WithSkill("clean.basic", 2);
        Assert.Equal(["P-req", "P-pref"], PositionsFor(seeker, A.Position("P-pref").Preferring("clean.basic"), A.Position("P-req").Requiring("clean.basic")));
    }

    [Fact]
    public void Expert_beats_basic()
    {
        var position = A.Position().Requiring("food.cook");
        Assert.Equal(["S-expert", "S-basic"], SeekersFor(position, A.Seeker("S-basic").WithSkill("food.cook", 1), A.Seeker("S-expert").WithSkill("food.cook", 3)));
    }

    [Fact]
    public void Related_skill_gets_partial_credit()
    {
        var position = A.Position().Requiring("clean.commercial");
        Assert.Equal(["S-same", "S-related", "S-none"], SeekersFor(position,
            A.Seeker("S-none").WithSkill("food.cook", 3), A.Seeker("S-related").WithSkill("clean.basic", 2), A.Seeker("S-same").WithSkill("clean.commercial", 2)));
    }

    [Fact]
    public void A_licence_counts_only_when_held()
    {
        var position = A.Position().Requiring("cert.forklift");
        var ranker = new Ranker();
        var related = A.Seeker("S-related").WithSkill("log.forklift", 3);
        var holder = A.Seeker("S-holder").WithSkill("cert.forklift", 1);
        Assert.Equal(0, ranker.Features(related, position, 1, 0, A.Lines).Skills);
        Assert.True(ranker.Features(holder, position, 1, 0, A.Lines).Skills > 0);
        Assert.Equal(["S-holder", "S-related"], SeekersFor(position, related, holder));
    }

    [Fact]
    public void A_position_whose_required_licence_the_person_lacks_comes_after_those_they_can_take_and_says_what_to_get_first()
    {
        // The barred job is nearer, pays more and matches the person's driving skill; the law still bars it.
        var seeker = A.Seeker().WithSkill("drive.truck", 3).WithSkill("clean.basic", 1);
        var barred = (A.Position("P-truck", 0.5) with { MonthlyWage = 6000 }).Requiring("cert.driver_b2", "drive.truck");
        var cleaning = A.Position("P-clean", 4).Requiring("clean.basic");
        var unrelated = A.Position("P-cook", 6).Requiring("food.cook");

        Assert.Equal(["P-clean", "P-cook", "P-truck"], PositionsFor(seeker, barred, cleaning, unrelated));

        using var indexes = new TestIndexes().With([barred], [seeker]);
        var match = indexes.Engine.PositionsFor(seeker, A.Request()).Single();
        Assert.Contains(match.Reasons, r => r.ToString().StartsWith("需先取得", StringComparison.Ordinal));
        // Holding the licence lifts the bar.
        var holder = seeker.WithSkill("cert.driver_b2", 1);
        Assert.Equal(["P-truck", "P-clean", "P-cook"], PositionsFor(holder, barred, cleaning, unrelated));
    }

    [Fact]
    public void A_long_week_comes_lower_for_partial_capacity_with_no_stated_limit_and_says_why()
    {
        var seeker = A.Seeker() with { LaborCapacity = LaborCapacity.Partial };
        var longWeek = A.Position("P-56h", 0.5) with { HoursPerWeek = 56, MonthlyWage = 3500 };
        var normal = A.Position("P-40h", 3) with { HoursPerWeek = 40 };

        Assert.Equal(["P-40h", "P-56h"], PositionsFor(seeker, longWeek, normal));
        // Full capacity: the nearer, better-paid long week first, as before.
        Assert.Equal(["P-56h", "P-40h"], PositionsFor(A.Seeker(), longWeek, normal));
        using var indexes = new TestIndexes().With([longWeek], [seeker]);
        Assert.Contains(indexes.Engine.PositionsFor(seeker, A.Request()).Single().Reasons, r => r.Code == ReasonCodes.LongWeek);
    }

    [Fact]
    public void Nearer_ranks_higher()
    {
        Assert.Equal(["P-near", "P-far"], PositionsFor(A.Seeker(), A.Position("P-far", 6), A.Position("P-near", 1)));
    }

    [Fact]
    public void Remote_first_for_those_who_prefer_it()
    {
        var seeker = A.Seeker() with { PrefersRemote = true };
        Assert.Equal(["P-remote", "P-near"], PositionsFor(seeker, A.Position("P-near", 0.5), A.Position("P-remote").RemoteWork()));
        Assert.Equal(["P-near", "P-remote"], PositionsFor(A.Seeker(), A.Position("P-near", 0.5), A.Position("P-remote").RemoteWork()));
    }

    [Fact]
    public void A_household_exactly_on_the_edge_line_after_the_wage_is_past_it_in_the_engine_as_on_the_counselors_page()
    {
        // One person with no income and a 1,500 wage: exactly the 1,500 edge line of A.Request()'s lines.
        var seeker = A.Seeker() with { Household = new HouseholdFacts(HouseholdCategory.Dibao, 1, 0, false) };
        var onTheLine = A.Position("P-edge") with { MonthlyWage = 1500 };
        using var indexes = new TestIndexes().With([onTheLine], [seeker]);
        var request = A.Request();
        var reasons = indexes.Engine.PositionsFor(seeker, request).Single().Reasons.Select(r => r.Code).ToList();
        var page = Core.Households.HouseholdStanding.Band(Core.Households.HouseholdStanding.IncomePerHead(1500m, 1),
            (decimal)request.Lines.DibaoLine, (decimal)request.Lines.EdgeLine);
        Assert.Equal(1500, request.Lines.EdgeLine);
        Assert.Equal(Core.Households.IncomeBand.AboveEdgeLine, page);
        Assert.Contains(ReasonCodes.LiftsAboveEdge, reasons);
    }

    [Fact]
    public void A_wage_that_lifts_the_household_above_the_dibao_line_ranks_up_and_says_so()
    {
        // Three people on 1,500 a month: 500 a head. 1,600 more makes 1,033 a head, above the 1,000 line.
        var seeker = A.Seeker() with { Household = new HouseholdFacts(HouseholdCategory.Dibao, 3, 1500, false) };
        var lifting = A.Position("P-lifts") with { MonthlyWage = 1600 };
        Assert.Equal(["P-lifts", "P-low"], PositionsFor(seeker, A.Position("P-low") with { MonthlyWage = 1400 }, lifting));
        using var indexes = new TestIndexes().With([lifting], [seeker]);
        var reasons = indexes.Engine.PositionsFor(seeker, A.Request()).Single().Reasons;
        Assert.Contains("工资使家庭人均收入超过低保线（1,033 元 ≥ 1,000 元）", reasons.Select(r => ReasonText.Format(r, Zh)));
        Assert.Contains("The wage lifts household income per head above the dibao line (1,033 CNY ≥ 1,000 CNY)", reasons.Select(r => ReasonText.Format(r, En)));
    }

    [Fact]
    public void Public_welfare_positions_go_first_to_dibao_and_zero_employment_households()
    {
        var publicWelfare = A.Position("P-pw") with { PublicWelfare = true };
        var dibao = A.Seeker("S-dibao");
        var zero = A.Seeker("S-zero") with { Household = new HouseholdFacts(HouseholdCategory.Expenditure, 3, 1500, true) };
        var other = A.Seeker("S-other") with { Household = new HouseholdFacts(HouseholdCategory.Expenditure, 3, 1500, false) };
        var order = SeekersFor(publicWelfare, other, zero, dibao);
        Assert.Equal("S-other", order[^1]);
        Assert.Equal(["P-pw", "P-ordinary"], PositionsFor(dibao, A.Position("P-ordinary"), publicWelfare));
        Assert.Equal(["P-ordinary", "P-pw"], PositionsFor(other, A.Position("P-ordinary"), publicWelfare));
        using var indexes = new TestIndexes().With([publicWelfare], [dibao]);
        Assert.Contains("公益性岗位，低保家庭优先", indexes.Engine.PositionsFor(dibao, A.Request()).Single().Reasons.Select(r => ReasonText.Format(r, Zh)));
    }

    [Fact]
    public void An_accommodation_that_helps_the_disability_ranks_up()
    {
        var seeker = A.Seeker() with { DisabilityType = DisabilityType.Visual, DisabilityGrade = 1 };
        Assert.Equal(["P-reader", "P-plain"], PositionsFor(seeker, A.Position("P-plain"), A.Position("P-reader").Offering("screen_reader")));
        using var indexes = new TestIndexes().With([A.Position("P-reader").Offering("screen_reader")], [seeker]);
        var reasons = indexes.Engine.PositionsFor(seeker, A.Request()).Single().Reasons;
        Assert.Contains("提供读屏软件支持", reasons.Select(r => ReasonText.Format(r, Zh)));
        Assert.Contains("Offers screen-reader support", reasons.Select(r => ReasonText.Format(r, En)));
    }

    [Fact]
    public void Reasons_read_in_both_languages()
    {
        var seeker = A.Seeker().WithSkill("clean.basic", 2);
        var position = A.Position("P-1", 2.4).Requiring("clean.basic");
        var match = new ExhaustiveMatcher([position], [seeker]).PositionsFor(seeker, A.Request()).Single();
        var zh = match.Reasons.Select(r => ReasonText.Format(r, Zh)).ToList();
        var en = match.Reasons.Select(r => ReasonText.Format(r, En)).ToList();
        Assert.Contains("具备必需技能：保洁（熟练）", zh);
        Assert.Contains("Has required skill: cleaning (experienced)", en);
        Assert.Contains("距家 2.4 公里", zh);
        Assert.Contains("2.4 km from home", en);
        Assert.InRange(match.Score, 0, 1);
        Assert.Equal(2.4, match.DistanceKm!.Value, 0.01);
    }

    [Fact]
    public void Every_reason_code_renders_in_both_languages()
    {
        foreach (var code in ReasonText.Codes)
        {
            var reason = new MatchReason(code, new TermArg("clean.basic"), new LevelArg(2), 3);
            Assert.DoesNotContain("{", ReasonText.Format(reason, Zh));
            Assert.DoesNotContain("{", ReasonText.Format(reason, En));
        }
    }
}
