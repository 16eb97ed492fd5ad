using Employment.Tests.Infrastructure;
using Employment.Core.Domain;
using Employment.Core.Reports;

namespace Employment.Tests.Reports;

/// <summary>Every figure on <see cref="HandMadeDistrict"/>, with the reasoning for each expected number.</summary>
[BothStores]
public sealed class OutcomeFigureTests : IAsyncLifetime
{
    private HandMadeDistrict _district = null!;
    private OutcomeReport _q4 = null!;
    private OutcomeReport _q3 = null!;

    public async Task InitializeAsync()
    {
        _district = await HandMadeDistrict.CreateAsync();
        _q4 = await _district.ReportAsync(Quarter.Parse("2026Q4"));
        _q3 = await _district.ReportAsync(Quarter.Parse("2026Q3"));
    }

    public async Task DisposeAsync() => await _district.DisposeAsync();

    private OutcomeFigures Street(OutcomeReport report, string code) => report.Streets.Single(s => s.Code == code);

    [Fact]
    public void The_running_quarter_is_taken_as_of_today_and_a_past_one_as_of_its_last_day()
    {
        Assert.Equal(HandMadeDistrict.Today, _q4.AsOf);
        Assert.Equal(new DateOnly(2026, 9, 30), _q3.AsOf);
        Assert.Equal("510104", _q4.District.Code);
        Assert.Equal(11, _q4.Streets.Count);
    }

    [Fact]
    public void Households_and_dibao_households_count_who_is_in_the_program_on_the_as_of_date()
    {
        // H3 has exited (verified 10-05, not revoked); H4 is back since its exit was revoked 10-25.
        Assert.Equal(6, _q4.District.Households);
        // Dibao: H1, H2, H5, H7 (H3 is dibao but exited).
        Assert.Equal(4, _q4.District.DibaoHouseholds);
        // On 09-30 H4 was still exited and H5 not yet registered: H1, H2, H3, H6, H7.
        Assert.Equal(5, _q3.District.Households);
    }

    [Fact]
    public void Growth_of_employment_among_dibao_households()
    {
        // New placements in Q4 while dibao: H1 (10-20) and H5 (11-01). H2's placement began in Q3 and ended in Q4: not new.
        Assert.Equal(2, _q4.District.DibaoHouseholdsNewlyEmployed);
        // Dibao households in the program during Q4: H1, H2, H3 (exited during the quarter), H5 (registered during it), H7.
        Assert.Equal(5, _q4.District.DibaoHouseholdsInQuarter);
        Assert.Equal(0.4, _q4.District.DibaoEmploymentGrowthRate);
        // Q3: H2 placed 08-01 (the placement has ended since, and still counts); base H1, H2, H3, H7.
        Assert.Equal(1, _q3.District.DibaoHouseholdsNewlyEmployed);
        Assert.Equal(0.25, _q3.District.DibaoEmploymentGrowthRate);
        // 锦官驿: H1 and H5 placed, of H1, H3, H5.
        Assert.Equal(0.6667, Street(_q4, HandMadeDistrict.Jinguanyi).DibaoEmploymentGrowthRate);
    }

    [Fact]
    public void Exit_rate_counts_verified_exits_that_were_not_revoked_by_the_as_of_date()
    {
        // Q4: H3's exit. Base: H1..H7 all (H4 is back in the program from 10-25, H5 registered 10-15).
        Assert.Equal(1, _q4.District.Exits);
        Assert.Equal(7, _q4.District.HouseholdsInQuarter);
        Assert.Equal(0.1429, _q4.District.ExitRate);
        // Q3: H4 exited 07-15; its revocation on 10-25 came after Q3's last day, so Q3 keeps it. Base: H1, H2, H3, H4, H6, H7.
        Assert.Equal(1, _q3.District.Exits);
        Assert.Equal(6, _q3.District.HouseholdsInQuarter);
        Assert.Equal(0.1667, _q3.District.ExitRate);
        // 东湖: nobody exited in Q4 (H4's Q3 exit was revoked), and H4 is in its base.
        Assert.Equal(0, Street(_q4, HandMadeDistrict.Donghu).Exits);
        Assert.Equal(3, Street(_q4, HandMadeDistrict.Donghu).HouseholdsInQuarter);
        Assert.Equal(1.0 / 3, Street(_q4, HandMadeDistrict.Jinguanyi).ExitRate!.Value, 4);
    }

    [Fact]
    public void Exit_candidates_transition_and_incentive_years()
    {
        // H5: 3000 for two is 1500 a head, exactly the edge line: a candidate.
        Assert.Equal(1, _q4.District.ExitCandidates);
        // H3 (verified 10-05) is in its six-month transition and its three incentive years; H4's revoked exit is not tracked.
        Assert.Equal(1, _q4.District.HouseholdsInTransition);
        Assert.Equal(1, _q4.District.HouseholdsInIncentive);
        // On 09-30 H4's exit still held: H4 in transition; H5 was no candidate yet.
        Assert.Equal(1, _q3.District.HouseholdsInTransition);
        Assert.Equal(0, _q3.District.ExitCandidates);
    }

    [Fact]
    public void Zero_employment_households_now_and_their_trend_rebuilt_from_placement_dates()
    {
        // Now: H2 (P2's job ended 10-10; P3 cannot work), H4 (job lost 10-25), H7. Not H1 or H5 (placed), H3 (exited, and
        // employed), H6 (nobody can work).
        Assert.Equal(3, _q4.District.ZeroEmploymentHouseholds);
        Assert.Equal(["2026Q1", "2026Q2", "2026Q3", "2026Q4"], _q4.District.ZeroEmploymentTrend.Select(p => p.Quarter));
        // Q1 and Q2: H1, H2, H4, H7 (H5 not registered yet). Q3: H1, H7 (H2 at work, H4 exited).
        Assert.Equal([4, 4, 2, 3], _q4.District.ZeroEmploymentTrend.Select(p => p.Count));
        Assert.Equal(2, Street(_q4, HandMadeDistrict.Donghu).ZeroEmploymentHouseholds);
        Assert.Equal(0, Street(_q4, HandMadeDistrict.Jinguanyi).ZeroEmploymentHouseholds);
        Assert.Equal(1, _q4.Unassigned!.ZeroEmploymentHouseholds);
    }

    [Fact]
    public void Placements_by_channel_and_public_welfare_places()
    {
        Assert.Equal(2, _q4.District.Placements);
        Assert.Equal(new ChannelCounts(Fair: 1, Referral: 0, Kiosk: 1), _q4.District.PlacementsByChannel);
        Assert.Equal(1, _q4.District.PublicWelfarePlacements);
        // Q3: P5 (07-01) and P2 (08-01), both referrals; P2's ended since and still counts.
        Assert.Equal(new ChannelCounts(0, 2, 0), _q3.District.PlacementsByChannel);
        Assert.Equal(2, Street(_q4, HandMadeDistrict.Jinguanyi).Placements);
        Assert.Equal(0, Street(_q4, HandMadeDistrict.Donghu).Placements);
    }

    [Fact]
    public void Follow_ups_done_on_time_within_the_grace_days()
    {
        // Q4: P5's 3-month visit (due 10-01, done 10-06: within 7 days) and H1's visit due 11-01 never done (grace over 11-08).
        // Not counted: H1's due 11-20 (grace runs to 11-27), H2's due 11-01 (the job had ended 10-10).
        Assert.Equal(2, _q4.District.FollowUpsDue);
        Assert.Equal(1, _q4.District.FollowUpsOnTime);
        Assert.Equal(0.5, _q4.District.FollowUpsOnTimeRate);
        // Q3: P2's (4 days after due) on time, P5's (14 days) late.
        Assert.Equal(2, _q3.District.FollowUpsDue);
        Assert.Equal(0.5, _q3.District.FollowUpsOnTimeRate);
    }

    [Fact]
    public async Task A_longer_grace_period_changes_what_is_on_time()
    {
        // 14 days' grace makes P5's Q3 visit (done 14 days after due) on time too.
        var q3 = await _district.ReportAsync(Quarter.Parse("2026Q3"), new OutcomeOptions { FollowUpGraceDays = 14 });
        Assert.Equal(1.0, q3.District.FollowUpsOnTimeRate);
    }

    [Fact]
    public void Average_days_from_registration_to_first_placement()
    {
        // P1: registered 01-10, placed 10-20 = 283 days; P6: 10-15 to 11-01 = 17 days.
        Assert.Equal(2, _q4.District.FirstPlacements);
        Assert.Equal(150.0, _q4.District.AverageDaysToPlacement);
        // Q3: P5 (03-01 to 07-01 = 122) and P2 (02-01 to 08-01 = 181).
        Assert.Equal(151.5, _q3.District.AverageDaysToPlacement);
        Assert.Null(Street(_q4, HandMadeDistrict.Donghu).AverageDaysToPlacement);
    }

    [Fact]
    public void Streets_and_the_unassigned_add_up_to_the_district()
    {
        var scopes = _q4.Streets.Append(_q4.Unassigned!).ToList();
        Assert.Equal(_q4.District.Households, scopes.Sum(s => s.Households));
        Assert.Equal(_q4.District.Placements, scopes.Sum(s => s.Placements));
        Assert.Equal(_q4.District.ZeroEmploymentHouseholds, scopes.Sum(s => s.ZeroEmploymentHouseholds));
        Assert.Equal(_q4.District.FollowUpsDue, scopes.Sum(s => s.FollowUpsDue));
        // 锦官驿 takes H1 by its community code's prefix, H3 and H5 by the street code; 东湖 takes H2 through the community row.
        Assert.Equal(2, Street(_q4, HandMadeDistrict.Jinguanyi).Households);
        Assert.Equal(3, Street(_q4, HandMadeDistrict.Donghu).Households);
        Assert.All(_q4.Streets.Where(s => s.Code is not (HandMadeDistrict.Jinguanyi or HandMadeDistrict.Donghu)), s => Assert.Equal(0, s.Households));
    }

    [Fact]
    public async Task A_quarter_that_has_not_begun_is_refused_and_an_empty_one_has_empty_rates()
    {
        Assert.Equal(RefusalCodes.QuarterNotStarted, (await Assert.ThrowsAsync<RefusalException>(() => _district.ReportAsync(Quarter.Parse("2027Q1")))).Code);
        var q1 = await _district.ReportAsync(Quarter.Parse("2025Q4"));
        Assert.Equal(0, q1.District.Households);
        Assert.Null(q1.District.ExitRate);
        Assert.Null(q1.District.DibaoEmploymentGrowthRate);
        Assert.Null(q1.District.FollowUpsOnTimeRate);
    }

    [Theory]
    [InlineData("2026Q4", 2026, 4)]
    [InlineData("2026q1", 2026, 1)]
    [InlineData(" 2030Q2 ", 2030, 2)]
    public void Quarters_parse(string text, int year, int number)
    {
        Assert.True(Quarter.TryParse(text, out var q, out _));
        Assert.Equal(new Quarter(year, number), q);
        Assert.Equal(new DateOnly(year, number * 3 - 2, 1), q.FirstDay);
    }

    [Theory]
    [InlineData("2026Q5")]
    [InlineData("2026Q0")]
    [InlineData("26Q4")]
    [InlineData("2026-Q4")]
    [InlineData("1999Q4")]
    [InlineData("")]
    public void Bad_quarters_are_refused_with_the_reason(string text)
    {
        Assert.False(Quarter.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Contains(text.Trim(), error);
    }

    [Fact]
    public void Every_figure_has_a_definition_in_both_languages()
    {
        foreach (var key in FigureKeys.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(FigureDefinitions.Definition(key, new System.Globalization.CultureInfo("zh-CN"), new OutcomeOptions())));
            Assert.False(string.IsNullOrWhiteSpace(FigureDefinitions.Definition(key, new System.Globalization.CultureInfo("en"), new OutcomeOptions())));
        }
        Assert.Contains("7", FigureDefinitions.Definition(FigureKeys.FollowUpsOnTime, new System.Globalization.CultureInfo("en"), new OutcomeOptions()));
    }
}
