using Employment.Tests.Infrastructure;
using System.Text.Json;
using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Employment.Core.Reports;
using Employment.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Tests.Operations;

/// <summary>
/// The program as it runs for months (issue 17), on a real SQLite file with a clock the test moves:
/// referrals that expire and free their people, the fair-share limits, public-welfare terms and the
/// subsidy cap, satisfaction, and the figures each of them adds to the quarter's report.
/// </summary>
[BothStores]
public sealed class RunningProgramTests : IAsyncLifetime
{
    private static readonly DateOnly Day0 = HandMadeDistrict.Today; // 2026-11-15, 2026Q4
    private HandMadeDistrict _district = null!;
    private readonly ReferralOptions _referrals = new();
    private readonly PublicWelfareOptions _publicWelfare = new();

    public async Task InitializeAsync()
    {
        _district = await HandMadeDistrict.CreateAsync(withData: false);
        await _district.WithDbAsync(async db =>
        {
            for (var i = 1; i <= 5; i++)
            {
                db.Positions.Add(new Position { Id = $"P-{i}", Title = $"岗位{i}", EmployerId = "E-1", MonthlyWage = 2500, Headcount = 1, Status = PositionStatus.Open });
            }
            var funded = await db.Positions.SingleAsync(p => p.Id == "P-CLEAN");
            funded.MonthlySubsidy = 1500;
            funded.FundingBody = "区就业专项资金";
            for (var i = 1; i <= 6; i++)
            {
                var h = HandMadeDistrict.AHousehold($"H{i}", HouseholdCategory.Dibao, HandMadeDistrict.Jinguanyi, 1, 300, HandMadeDistrict.Utc(2026, 1, 1));
                db.Households.Add(h);
                db.Persons.Add(HandMadeDistrict.APerson($"S{i}", h.Id, HandMadeDistrict.Utc(2026, 1, 1)));
            }
            await db.SaveChangesAsync();
            return 0;
        });
    }

    public async Task DisposeAsync() => await _district.DisposeAsync();

    private void Today(DateOnly day) => _district.Clock.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);

    private Task<T> Desk<T>(Func<ReferralDesk, AppDbContext, Task<T>> work) => _district.WithDbAsync(db =>
    {
        var audit = new AuditTrail(db, _district.Clock);
        var budget = new PublicWelfareBudget(db, _district.Clock, Options.Create(_publicWelfare));
        var desk = new ReferralDesk(db, audit, new PlacementWorkflow(db, audit, _district.Clock, budget), _district.Clock, Options.Create(_referrals));
        return work(desk, db);
    });

    private Task<IReadOnlyList<long>> ExpireAsync() => _district.WithDbAsync(db =>
        new ReferralExpiry(db, new AuditTrail(db, _district.Clock), _district.Clock, Options.Create(_referrals)).ExpireOverdueAsync());

    private Task<Referral> ReferAsync(string person, string position) =>
        Desk((desk, _) => desk.ReferAsync(new ReferralInput(person, position, Consent: true), "counselor-a"));

    private Task<PersonStatus> StatusOf(string person) => _district.WithDbAsync(db => db.Persons.Where(p => p.Id == person).Select(p => p.Status).SingleAsync());

    [Fact]
    public async Task An_unanswered_referral_expires_the_day_after_its_last_day_and_frees_the_person()
    {
        Today(Day0);
        var referral = await ReferAsync("S1", "P-1");
        Assert.Equal(Day0.AddDays(14), referral.ExpiresOn);
        Assert.Equal(PersonStatus.Referred, await StatusOf("S1"));

        Today(Day0.AddDays(14)); // the last day to answer: still waiting
        Assert.Empty(await ExpireAsync());
        Assert.Equal(PersonStatus.Referred, await StatusOf("S1"));

        Today(Day0.AddDays(15));
        Assert.Equal([referral.Id], await ExpireAsync());
        Assert.Equal(PersonStatus.Seeking, await StatusOf("S1"));
        var steps = await _district.WithDbAsync(db => db.ReferralSteps.Where(s => s.ReferralId == referral.Id).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal([ReferralStatus.Sent, ReferralStatus.Expired], steps.Select(s => s.To));
        Assert.Equal("counselor-a", steps[0].Author);
        Assert.Null(steps[1].Author);
        Assert.Equal(ReferralExpiry.Reason, steps[1].Reason);
        Assert.Empty(await ExpireAsync()); // once

        var report = await _district.ReportAsync(Quarter.Of(Day0.AddDays(15)));
        Assert.Equal(1, report.District.ReferralsExpired);
        Assert.Equal(1, report.Streets.Single(s => s.Code == HandMadeDistrict.Jinguanyi).ReferralsExpired);
    }

    [Fact]
    public async Task An_interview_moves_the_last_day_on_and_another_open_referral_keeps_the_person_referred()
    {
        Today(Day0);
        var first = await ReferAsync("S2", "P-1");
        var second = await ReferAsync("S2", "P-2");
        Today(Day0.AddDays(10));
        await Desk((desk, _) => desk.MoveAsync(second.Id, ReferralStatus.Interview, "面试安排在下周", "counselor-a"));

        Today(Day0.AddDays(15));
        Assert.Equal([first.Id], await ExpireAsync());
        Assert.Equal(PersonStatus.Interviewing, await StatusOf("S2"));
        Today(Day0.AddDays(25));
        Assert.Equal([second.Id], await ExpireAsync());
        Assert.Equal(PersonStatus.Seeking, await StatusOf("S2"));
    }

    [Fact]
    public async Task A_person_holds_at_most_three_open_referrals_and_the_refusal_names_the_rule()
    {
        Today(Day0);
        await ReferAsync("S3", "P-1");
        await ReferAsync("S3", "P-2");
        await ReferAsync("S3", "P-3");
        var refused = await Assert.ThrowsAsync<RefusalException>(() => ReferAsync("S3", "P-4"));
        Assert.Equal(RefusalCodes.TooManyOpenReferrals, refused.Code);
        Assert.Equal(nameof(ReferralInput.PersonId), refused.Field);
        Assert.Equal(3, refused.Arguments[0]);
        Assert.Equal(3, await _district.WithDbAsync(db => db.Referrals.CountAsync(r => r.PersonId == "S3")));
    }

    [Fact]
    public async Task A_position_holds_at_most_three_pending_referrals_per_open_place()
    {
        Today(Day0);
        await ReferAsync("S1", "P-5");
        await ReferAsync("S2", "P-5");
        await ReferAsync("S3", "P-5");
        var refused = await Assert.ThrowsAsync<RefusalException>(() => ReferAsync("S4", "P-5"));
        Assert.Equal(RefusalCodes.PositionQueueFull, refused.Code);
        Assert.Equal(nameof(ReferralInput.PositionId), refused.Field);
        Assert.Equal(3, refused.Arguments[0]);
    }

    [Fact]
    public async Task A_public_welfare_placement_beyond_the_quarters_cap_is_refused_with_the_figures()
    {
        Today(Day0);
        // 1,500 a month from 2026-11-15 to 2026-12-31 (47 days): 1500 × 12 / 365 × 47 = 2,317.81 committed in 2026Q4.
        var expected = Math.Round(1500m * 12m / 365m * 47m, 2, MidpointRounding.AwayFromZero);
        await _district.WithDbAsync(db => new PublicWelfareBudget(db, _district.Clock, Options.Create(_publicWelfare))
            .SetCapAsync(Quarter.Of(Day0), null, 2000m, "admin").ContinueWith(_ => 0));
        var referral = await ReferAsync("S5", "P-CLEAN");
        var refused = await Assert.ThrowsAsync<RefusalException>(() => Desk((desk, _) => desk.HireAsync(referral.Id, Day0, null, "counselor-a")));
        Assert.Equal(RefusalCodes.SubsidyCapReached, refused.Code);
        Assert.Equal(2000m, refused.Arguments[0]);
        Assert.Equal(0m, refused.Arguments[1]);
        Assert.Equal(expected, refused.Arguments[2]);
        Assert.Equal(0, await _district.WithDbAsync(db => db.Placements.CountAsync()));

        await _district.WithDbAsync(db => new PublicWelfareBudget(db, _district.Clock, Options.Create(_publicWelfare))
            .SetCapAsync(Quarter.Of(Day0), null, 5000m, "admin").ContinueWith(_ => 0));
        var placement = await Desk((desk, _) => desk.HireAsync(referral.Id, Day0, null, "counselor-a"));
        Assert.Equal(1500m, placement.MonthlySubsidy);
        Assert.Equal(Day0.AddMonths(36).AddDays(-1), placement.TermEndsOn);

        var report = await _district.ReportAsync(Quarter.Of(Day0));
        Assert.Equal(expected, report.District.SubsidyCommitted);
        Assert.Equal(Math.Round(1500m * 12m / 365m, 2, MidpointRounding.AwayFromZero), report.District.SubsidySpent); // one day, today
        Assert.Equal(5000m, report.District.SubsidyCap);
        Assert.Null(report.Streets.Single(s => s.Code == HandMadeDistrict.Jinguanyi).SubsidyCap);
        Assert.Equal(expected, report.Streets.Single(s => s.Code == HandMadeDistrict.Jinguanyi).SubsidyCommitted);
    }

    [Fact]
    public async Task A_term_ending_within_the_warning_days_is_listed_with_whether_it_may_be_renewed()
    {
        Today(Day0);
        var referral = await ReferAsync("S6", "P-CLEAN");
        var placement = await Desk((desk, _) => desk.HireAsync(referral.Id, Day0, null, "counselor-a"));
        var termEnds = placement.TermEndsOn!.Value;

        Task<IReadOnlyList<TermEnding>> EndingAsync() => _district.WithDbAsync(db =>
            new PublicWelfareBudget(db, _district.Clock, Options.Create(_publicWelfare)).TermsEndingAsync(
                DateOnly.FromDateTime(_district.Clock.GetUtcNow().UtcDateTime)));

        Today(termEnds.AddDays(-61));
        Assert.Empty(await EndingAsync());
        Today(termEnds.AddDays(-60));
        var ending = Assert.Single(await EndingAsync());
        Assert.Equal(placement.Id, ending.PlacementId);
        Assert.True(ending.CanRenew);

        Task<Core.Placement.Placement> RenewAsync() => _district.WithDbAsync(db =>
            new PublicWelfareBudget(db, _district.Clock, Options.Create(_publicWelfare)).RenewAsync(placement.Id, "counselor-a"));
        var renewed = await RenewAsync();
        Assert.Equal(termEnds.AddMonths(36), renewed.TermEndsOn);
        Assert.Empty(await EndingAsync());
        var refused = await Assert.ThrowsAsync<RefusalException>(RenewAsync);
        Assert.Equal(RefusalCodes.RenewalsUsed, refused.Code);
    }

    [Fact]
    public void The_next_household_for_a_freed_place_is_the_best_match_weighed_by_the_fair_plans_priority()
    {
        var weights = new Core.Scheduling.FairPlanOptions();
        var candidates = new[]
        {
            (Id: "better-match", Score: 0.80, Category: (HouseholdCategory?)HouseholdCategory.Expenditure, Zero: false),
            (Id: "zero-employment-dibao", Score: 0.60, Category: (HouseholdCategory?)HouseholdCategory.Dibao, Zero: true),
            (Id: "weak-extreme", Score: 0.30, Category: (HouseholdCategory?)HouseholdCategory.Extreme, Zero: true),
        }.Select(c => Tuple.Create(c.Id, c.Score, c.Category, c.Zero)).ToList();
        // 0.80 × 1 = 0.80 against 0.60 × (1 + 0.5 + 0.3) = 1.08 against 0.30 × 2 = 0.60.
        var next = PublicWelfareBudget.ProposeNext(candidates, c => c.Item2, c => (c.Item3, c.Item4), weights);
        Assert.Equal("zero-employment-dibao", next!.Item1);
        Assert.Null(PublicWelfareBudget.ProposeNext(candidates.Take(0), c => c.Item2, c => (c.Item3, c.Item4), weights));
    }

    [Fact]
    public async Task Satisfaction_answers_are_checked_and_averaged_into_the_quarter()
    {
        Today(Day0);
        var referral = await ReferAsync("S4", "P-1");
        var placement = await Desk((desk, _) => desk.HireAsync(referral.Id, Day0, null, "counselor-a"));
        Task<SatisfactionAnswer> Answer(SurveyInput input, SurveySource source) => _district.WithDbAsync(db =>
            new SatisfactionSurveys(db, new AuditTrail(db, _district.Clock), _district.Clock).RecordAsync(placement.Id, source, input, "counselor-a"));

        var refused = await Assert.ThrowsAsync<RefusalException>(() => Answer(new SurveyInput(6, 3, 3, null), SurveySource.FollowUp));
        Assert.Equal("Job", refused.Field);
        Assert.Equal(RefusalCodes.OutOfRange, refused.Code);
        Assert.Null((await _district.ReportAsync(Quarter.Of(Day0))).District.SatisfactionAverage);

        await Answer(new SurveyInput(5, 4, 3, "工作稳定"), SurveySource.FollowUp);
        await Answer(new SurveyInput(2, 2, 2, null), SurveySource.Kiosk);
        await Answer(new SurveyInput(3, 3, 3, "改一下"), SurveySource.Kiosk); // the kiosk's second answer this quarter corrects the first
        var report = await _district.ReportAsync(Quarter.Of(Day0));
        Assert.Equal(2, report.District.SatisfactionAnswers);
        Assert.Equal(3.5, report.District.SatisfactionAverage);

        using var json = new MemoryStream();
        ReportJson.Write(report, json, System.Globalization.CultureInfo.GetCultureInfo("zh-CN"));
        var root = JsonDocument.Parse(json.ToArray()).RootElement;
        Assert.Equal(3.5, root.GetProperty("satisfactionAverage").GetDouble());
        // The placement came through a referral: the other channels have no answer.
        Assert.Equal(3.5, root.GetProperty("satisfactionByChannel").GetProperty("referral").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("satisfactionByChannel").GetProperty("fair").ValueKind);
        Assert.Equal(0, root.GetProperty("referralsExpired").GetInt32());
        Assert.Equal(0m, root.GetProperty("subsidyCommitted").GetDecimal());
        Assert.Equal(0m, root.GetProperty("subsidySpent").GetDecimal());
    }
}

/// <summary>A post's funding is a public-welfare post's: refused elsewhere by the importer and the employer's form alike, and carried through export.</summary>
public sealed class PublicWelfareFundingTests
{
    private static readonly string Example = File.ReadAllText(Employment.Tests.Interchange.ExampleDataset.FilePath);

    private static Core.Interchange.DatasetReadResult Read(string json) =>
        Core.Interchange.DatasetReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), Core.Taxonomy.Taxonomy.Embedded,
            Employment.Tests.Interchange.ExampleDataset.Today);

    [Fact]
    public void The_importer_reads_funding_on_a_public_welfare_post_and_refuses_it_on_another_naming_the_record_and_field()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(Example)!;
        var positions = root["positions"]!.AsArray();
        var welfare = positions.First(p => p!["publicWelfare"]?.GetValue<bool>() == true)!;
        welfare["monthlySubsidy"] = 1800;
        welfare["fundingBody"] = "区就业专项资金";
        welfare["fundedUntil"] = "2027-12-31";
        var read = Read(root.ToJsonString());
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var record = read.Dataset!.Positions.Single(p => p.Id == welfare["id"]!.GetValue<string>());
        Assert.Equal((1800m, "区就业专项资金", new DateOnly(2027, 12, 31)), (record.MonthlySubsidy, record.FundingBody, record.FundedUntil));

        var other = positions.First(p => p!["publicWelfare"]?.GetValue<bool>() != true)!;
        other["monthlySubsidy"] = 500;
        var refused = Read(root.ToJsonString());
        var error = Assert.Single(refused.Errors);
        Assert.Contains(other["id"]!.GetValue<string>(), error.Record);
        Assert.Equal("monthlySubsidy", error.Field);
    }
}
