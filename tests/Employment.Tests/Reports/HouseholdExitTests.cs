using Employment.Tests.Infrastructure;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Placement;
using Employment.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace Employment.Tests.Reports;

/// <summary>Verifying an exit, refusing what is no exit, undoing a mistake, and a lost job bringing the household back.</summary>
[BothStores]
public sealed class HouseholdExitTests : IAsyncLifetime
{
    private HandMadeDistrict _district = null!;

    public async Task InitializeAsync()
    {
        _district = await HandMadeDistrict.CreateAsync(withData: false);
        await _district.WithDbAsync(async db =>
        {
            var region = await db.Regions.FirstAsync();
            // A household of one on exactly the dibao line: no longer dibao, but not past the edge line either.
            db.Households.Add(HandMadeDistrict.AHousehold("ONE-1000", HouseholdCategory.Dibao, HandMadeDistrict.Jinguanyi, 1, 1000, HandMadeDistrict.Utc(2026, 1, 1)));
            db.Persons.Add(HandMadeDistrict.APerson("S-1000", "ONE-1000", HandMadeDistrict.Utc(2026, 1, 1)));
            // A household of one exactly on the edge line, through a placement of 1500 a month.
            var edge = HandMadeDistrict.AHousehold("ONE-1500", HouseholdCategory.Dibao, HandMadeDistrict.Jinguanyi, 1, 0, HandMadeDistrict.Utc(2026, 1, 1));
            db.Households.Add(edge);
            db.Persons.Add(HandMadeDistrict.APerson("S-1500", "ONE-1500", HandMadeDistrict.Utc(2026, 1, 1)));
            db.Positions.Add(new Core.Positions.Position
            {
                Id = "P-1500", Title = "停车协管", EmployerId = "E-1", MonthlyWage = 1500, Headcount = 2, PublicWelfare = true,
                Status = Core.Positions.PositionStatus.Open,
            });
            await db.SaveChangesAsync();
            return 0;
        });
        _district.Clock.Now = new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.Zero);
        await _district.WithWorkflowAsync(w => w.HireAsync(new HireRequest("S-1500", "P-1500", PlacementChannel.Fair, new DateOnly(2026, 10, 1)), "counselor-a"));
        _district.Clock.Now = new DateTimeOffset(HandMadeDistrict.Today.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
    }

    public async Task DisposeAsync() => await _district.DisposeAsync();

    [Fact]
    public async Task At_one_in_the_morning_Beijing_time_today_is_the_district_day_for_the_exit_and_the_ledger()
    {
        // 2026-11-15 17:00 UTC is 2026-11-16 01:00 in Beijing: the counselor's today is the 16th.
        _district.Clock.Now = new DateTimeOffset(2026, 11, 15, 17, 0, 0, TimeSpan.Zero);
        var beijing = new DistrictTimeProvider(_district.Clock, DistrictTimeProvider.FindZone("Asia/Shanghai"));
        var sixteenth = new DateOnly(2026, 11, 16);
        Assert.Equal(sixteenth, beijing.Today());

        // The server's UTC date would call the 16th the future: the refusal this used to be.
        await Assert.ThrowsAsync<RefusalException>(() => _district.WithDbAsync(db =>
            new HouseholdExits(db, new Core.Data.AuditTrail(db, _district.Clock), _district.Clock, Microsoft.Extensions.Options.Options.Create(new OutcomeOptions()))
                .VerifyAsync("ONE-1500", sixteenth, "入户核实", "counselor-a")));

        var exit = await _district.WithDbAsync(db =>
            new HouseholdExits(db, new Core.Data.AuditTrail(db, beijing), beijing, Microsoft.Extensions.Options.Options.Create(new OutcomeOptions()))
                .VerifyAsync("ONE-1500", sixteenth, "入户核实", "counselor-a"));
        Assert.Equal(sixteenth, exit.VerifiedOn);
        var entry = await _district.WithDbAsync(db => new Core.Counseling.HouseholdLedger(db, new Core.Data.AuditTrail(db, beijing), beijing)
            .AddAsync("ONE-1000", new Core.Counseling.LedgerInput(LedgerSection.AssistanceMeasures, null, "凌晨回访", sixteenth), "counselor-a"));
        Assert.Equal(sixteenth, entry.RecordedOn);
    }

    [Fact]
    public async Task A_household_of_one_exactly_on_the_edge_line_is_a_candidate_and_its_exit_records_the_lines()
    {
        var exit = await _district.WithExitsAsync((exits, _) => exits.VerifyAsync("ONE-1500", new DateOnly(2026, 11, 10), "  入户核实：停车协管工资1500元  ", "counselor-a"));

        Assert.Equal(1500m, exit.IncomePerHead);
        Assert.Equal(1000m, exit.DibaoLine);
        Assert.Equal(1500m, exit.EdgeLine);
        Assert.Equal(new DateOnly(2027, 5, 10), exit.TransitionEndsOn);
        Assert.Equal(new DateOnly(2029, 11, 10), exit.IncentiveEndsOn);
        Assert.Equal("入户核实：停车协管工资1500元", exit.Note);
        await _district.WithDbAsync(async db =>
        {
            var household = await db.Households.SingleAsync(h => h.Id == "ONE-1500");
            Assert.Equal(ExitStatus.Exited, household.ExitStatus);
            Assert.Contains(await db.AuditLog.ToListAsync(), a => a.Action == "exit-verified" && a.EntityId == "ONE-1500" && a.Actor == "counselor-a");
            return 0;
        });
        var report = await _district.ReportAsync(Quarter.Parse("2026Q4"));
        Assert.Equal(1, report.District.Exits);
        Assert.Equal(1, report.District.HouseholdsInTransition);
        Assert.Equal(0, report.District.ExitCandidates);
    }

    [Fact]
    public async Task A_household_exactly_on_the_dibao_line_is_not_a_candidate_and_is_refused_by_name()
    {
        var error = await Assert.ThrowsAsync<RefusalException>(() =>
            _district.WithExitsAsync((exits, _) => exits.VerifyAsync("ONE-1000", HandMadeDistrict.Today, "入户核实", "counselor-a")));

        Assert.Equal("household ONE-1000", error.Record);
        Assert.Equal("exitStatus", error.Field);
        Assert.Equal(RefusalCodes.NotExitCandidate, error.Code);
        Assert.Equal(0, await _district.WithDbAsync(db => db.HouseholdExits.CountAsync()));
    }

    [Theory]
    [InlineData("NO-SUCH", "2026-11-10", "note", "householdId")]
    [InlineData("ONE-1500", "2026-11-10", "   ", "note")]
    [InlineData("ONE-1500", "2026-11-16", "note", "verifiedOn")]
    [InlineData("ONE-1500", "2026-09-30", "note", "verifiedOn")]
    public async Task Bad_verifications_name_the_field_and_write_nothing(string household, string on, string note, string field)
    {
        var error = await Assert.ThrowsAsync<RefusalException>(() =>
            _district.WithExitsAsync((exits, _) => exits.VerifyAsync(household, DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), note, "counselor-a")));

        Assert.Equal(field, error.Field);
        Assert.Equal(0, await _district.WithDbAsync(db => db.HouseholdExits.CountAsync()));
        Assert.Equal(ExitStatus.Candidate, await _district.WithDbAsync(db => db.Households.Where(h => h.Id == "ONE-1500").Select(h => h.ExitStatus).SingleAsync()));
    }

    [Fact]
    public async Task A_second_verification_is_refused()
    {
        await _district.WithExitsAsync((exits, _) => exits.VerifyAsync("ONE-1500", HandMadeDistrict.Today, "入户核实", "counselor-a"));

        var error = await Assert.ThrowsAsync<RefusalException>(() =>
            _district.WithExitsAsync((exits, _) => exits.VerifyAsync("ONE-1500", HandMadeDistrict.Today, "again", "counselor-a")));
        Assert.Equal(RefusalCodes.AlreadyExited, error.Code);
    }

    [Fact]
    public async Task Its_verifier_can_undo_a_mistaken_exit_within_a_day_and_nobody_else_can()
    {
        var exit = await _district.WithExitsAsync((exits, _) => exits.VerifyAsync("ONE-1500", HandMadeDistrict.Today, "入户核实", "counselor-a"));

        var other = await Assert.ThrowsAsync<RefusalException>(() => _district.WithExitsAsync(async (exits, _) => { await exits.UndoAsync(exit.Id, "counselor-b"); return 0; }));
        Assert.Equal(RefusalCodes.NotYourExit, other.Code);

        await _district.WithExitsAsync(async (exits, _) => { await exits.UndoAsync(exit.Id, "counselor-a"); return 0; });
        Assert.Equal(0, await _district.WithDbAsync(db => db.HouseholdExits.CountAsync()));
        Assert.Equal(ExitStatus.Candidate, await _district.WithDbAsync(db => db.Households.Where(h => h.Id == "ONE-1500").Select(h => h.ExitStatus).SingleAsync()));

        var again = await _district.WithExitsAsync((exits, _) => exits.VerifyAsync("ONE-1500", HandMadeDistrict.Today, "入户核实", "counselor-a"));
        _district.Clock.Now = _district.Clock.Now.AddHours(25);
        var late = await Assert.ThrowsAsync<RefusalException>(() => _district.WithExitsAsync(async (exits, _) => { await exits.UndoAsync(again.Id, "counselor-a"); return 0; }));
        Assert.Equal(RefusalCodes.UndoWindowPassed, late.Code);
    }

    [Fact]
    public async Task A_follow_up_that_finds_the_job_lost_revokes_the_exit_and_the_household_is_back()
    {
        await _district.WithExitsAsync((exits, _) => exits.VerifyAsync("ONE-1500", new DateOnly(2026, 11, 2), "入户核实", "counselor-a"));
        var followUp = await _district.WithDbAsync(db => db.FollowUps.OrderBy(f => f.DueOn).Select(f => f.Id).FirstAsync());

        await _district.WithWorkflowAsync(async w => { await w.RecordFollowUpAsync(followUp, new FollowUpOutcome(false, null, "停车场关闭"), "counselor-a"); return 0; });

        var tracked = await _district.WithExitsAsync((exits, db) => exits.TrackAsync(db.Households));
        var row = Assert.Single(tracked);
        Assert.Equal(ExitPhase.Revoked, row.Phase);
        Assert.Equal(HandMadeDistrict.Today, row.RevokedOn);
        var report = await _district.ReportAsync(Quarter.Parse("2026Q4"));
        Assert.Equal(0, report.District.Exits);
        Assert.Equal(0, report.District.HouseholdsInTransition);
        Assert.Equal(2, report.District.Households);
        // The lost job leaves the household of one without work again.
        Assert.Equal(2, report.District.ZeroEmploymentHouseholds);
    }

    [Fact]
    public void Phases_follow_the_dates()
    {
        var exit = new HouseholdExit
        {
            HouseholdId = "H", VerifiedBy = "c", Note = "n", VerifiedOn = new DateOnly(2026, 1, 1),
            TransitionEndsOn = new DateOnly(2026, 7, 1), IncentiveEndsOn = new DateOnly(2029, 1, 1),
        };
        Assert.Equal(ExitPhase.Transition, HouseholdExits.PhaseOf(exit, new DateOnly(2026, 7, 1)));
        Assert.Equal(ExitPhase.Incentive, HouseholdExits.PhaseOf(exit, new DateOnly(2026, 7, 2)));
        Assert.Equal(ExitPhase.Completed, HouseholdExits.PhaseOf(exit, new DateOnly(2029, 1, 2)));
        exit.RevokedOn = new DateOnly(2027, 3, 1);
        Assert.Equal(ExitPhase.Incentive, HouseholdExits.PhaseOf(exit, new DateOnly(2027, 2, 28)));
        Assert.Equal(ExitPhase.Revoked, HouseholdExits.PhaseOf(exit, new DateOnly(2027, 3, 1)));
    }
}
