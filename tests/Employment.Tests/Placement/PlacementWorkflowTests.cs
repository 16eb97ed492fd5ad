using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Interchange;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Employment.Core.Taxonomy;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Placement;

/// <summary>A hire, a follow-up and a lost job, each leaving every record it touches right.</summary>
[BothStores]
public sealed class PlacementWorkflowTests : IAsyncLifetime
{
    private static readonly DateOnly Start = new(2026, 11, 2);
    private readonly EmptyAppFactory _app = new();

    public async Task InitializeAsync()
    {
        await _app.WaitForIndexesAsync();
        using var scope = _app.Services.CreateScope();
        var dataset = DatasetReader.ReadFile(TestData.ExampleDataset, Taxonomy.Embedded, new DateOnly(2026, 11, 24)).EnsureValid();
        await scope.ServiceProvider.GetRequiredService<DatasetImporter>().ImportAsync(dataset);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_hire_places_the_person_raises_the_household_income_and_schedules_three_follow_ups()
    {
        // H-1: three people on 1200 a month (400 a head, under the 500 line); P-3 pays 3500.
        var placement = await WorkflowAsync(w => w.HireAsync(new HireRequest("S-1", "P-3", PlacementChannel.Referral, Start), "counselor-a"));

        await _app.WithDbAsync(async db =>
        {
            var person = await db.Persons.SingleAsync(p => p.Id == "S-1");
            var household = await db.Households.Include(h => h.Members).SingleAsync(h => h.Id == "H-1");
            var position = await db.Positions.SingleAsync(p => p.Id == "P-3");
            var followUps = await db.FollowUps.Where(f => f.PlacementId == placement.Id).OrderBy(f => f.DueOn).ToListAsync();

            Assert.True(person.Employed);
            Assert.Equal(PersonStatus.Placed, person.Status);
            Assert.Equal(4700m, household.MonthlyIncome);
            Assert.False(HouseholdStanding.IsZeroEmployment(household));
            // 4700 / 3 = 1566.67 a head: past the edge line, so an exit candidate.
            Assert.Equal(ExitStatus.Candidate, household.ExitStatus);
            Assert.Equal(1, position.Filled);
            Assert.Equal(PositionStatus.Open, position.Status);
            Assert.Equal([new DateOnly(2026, 12, 2), new DateOnly(2027, 2, 2), new DateOnly(2027, 5, 2)], followUps.Select(f => f.DueOn));
            Assert.Equal(HouseholdCategory.Dibao, (await db.Placements.SingleAsync()).HouseholdCategory);
            Assert.Contains(await db.AuditLog.ToListAsync(), a => a.Action == "hire" && a.EntityId == "S-1" && a.Actor == "counselor-a");
            return 0;
        });
    }

    [Fact]
    public async Task Taking_the_last_place_fills_the_position_and_a_second_hire_is_refused_with_nothing_written()
    {
        // P-5 has one place.
        await WorkflowAsync(w => w.HireAsync(new HireRequest("S-3", "P-5", PlacementChannel.Fair, Start), "counselor-a"));
        var refused = await Assert.ThrowsAsync<RefusalException>(() =>
            WorkflowAsync(w => w.HireAsync(new HireRequest("S-1", "P-5", PlacementChannel.Fair, Start), "counselor-a")));

        Assert.Equal(("status", RefusalCodes.PositionNotOpen), (refused.Field, refused.Code));
        await _app.WithDbAsync(async db =>
        {
            Assert.Equal(PositionStatus.Filled, (await db.Positions.SingleAsync(p => p.Id == "P-5")).Status);
            Assert.False((await db.Persons.SingleAsync(p => p.Id == "S-1")).Employed);
            Assert.Equal(1200m, (await db.Households.SingleAsync(h => h.Id == "H-1")).MonthlyIncome);
            Assert.Equal(1, await db.Placements.CountAsync());
            return 0;
        });
    }

    [Fact]
    public async Task A_follow_up_that_finds_the_job_lost_ends_the_placement_and_revokes_the_exit()
    {
        var placement = await WorkflowAsync(w => w.HireAsync(new HireRequest("S-1", "P-3", PlacementChannel.Referral, Start), "counselor-a"));
        await _app.WithDbAsync(async db =>
        {
            // A verified exit, as the exit page would record it.
            var household = await db.Households.SingleAsync(h => h.Id == "H-1");
            household.ExitStatus = ExitStatus.Exited;
            db.HouseholdExits.Add(new HouseholdExit
            {
                HouseholdId = "H-1", VerifiedOn = Start.AddDays(20), VerifiedBy = "counselor-a", Note = "verified", IncomePerHead = 1566.67m,
                DibaoLine = 500, EdgeLine = 750, TransitionEndsOn = Start.AddMonths(7), IncentiveEndsOn = Start.AddYears(3), CreatedUtc = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var first = await _app.WithDbAsync(db => db.FollowUps.Where(f => f.PlacementId == placement.Id).OrderBy(f => f.DueOn).Select(f => f.Id).FirstAsync());

        await WorkflowAsync(async w => { await w.RecordFollowUpAsync(first, new FollowUpOutcome(false, null, "factory closed"), "counselor-a"); return 0; });

        await _app.WithDbAsync(async db =>
        {
            var ended = await db.Placements.SingleAsync();
            var person = await db.Persons.SingleAsync(p => p.Id == "S-1");
            var household = await db.Households.SingleAsync(h => h.Id == "H-1");
            var exit = await db.HouseholdExits.SingleAsync();
            Assert.Equal(PlacementStatus.Ended, ended.Status);
            Assert.False(person.Employed);
            Assert.Equal(PersonStatus.Seeking, person.Status);
            Assert.Equal(1200m, household.MonthlyIncome);
            Assert.Equal(ExitStatus.None, household.ExitStatus);
            Assert.NotNull(exit.RevokedOn);
            Assert.Equal(0, (await db.Positions.SingleAsync(p => p.Id == "P-3")).Filled);
            return 0;
        });
        // Recording the same visit twice is refused.
        await Assert.ThrowsAsync<RefusalException>(() =>
            WorkflowAsync(async w => { await w.RecordFollowUpAsync(first, new FollowUpOutcome(true, 3500, null), "counselor-a"); return 0; }));
    }

    [Fact]
    public async Task A_follow_up_with_a_new_wage_moves_the_household_income_by_the_difference()
    {
        var placement = await WorkflowAsync(w => w.HireAsync(new HireRequest("S-2", "P-2", PlacementChannel.Kiosk, Start), "counselor-a"));
        var first = await _app.WithDbAsync(db => db.FollowUps.Where(f => f.PlacementId == placement.Id).OrderBy(f => f.DueOn).Select(f => f.Id).FirstAsync());

        await WorkflowAsync(async w => { await w.RecordFollowUpAsync(first, new FollowUpOutcome(true, 3000, "raise"), "counselor-a"); return 0; });

        // H-2: 1700 + 2800, then 3000 instead of 2800.
        Assert.Equal(4700m, await _app.WithDbAsync(db => db.Households.Where(h => h.Id == "H-2").Select(h => h.MonthlyIncome).SingleAsync()));
        Assert.Equal(3000m, await _app.WithDbAsync(db => db.Placements.Select(p => p.MonthlyWage).SingleAsync()));
    }

    private async Task<T> WorkflowAsync<T>(Func<PlacementWorkflow, Task<T>> work)
    {
        using var scope = _app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<PlacementWorkflow>());
    }
}
