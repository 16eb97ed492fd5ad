using Employment.Core.Interchange;
using Employment.Core.Placement;
using Employment.Core.Scheduling;
using Employment.Tests.Infrastructure;
using Employment.Tests.Interchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Employment.Tests.Interchange.Records;

namespace Employment.Tests.Scheduling;

/// <summary>The quarterly fair through the real scheduler on the real store, driven by a fake clock.</summary>
[BothStores]
public sealed class FairScheduleTests
{
    /// <summary>
    /// Three places (P-1 one, P-2 two) and four seekers who match them equally; S-2's household is
    /// neither 低保 nor zero-employment, the others are both. S-2b is employed, S-5 cannot work.
    /// </summary>
    internal static Dataset SmallDistrict()
    {
        HouseholdRecord Dibao(string id, PersonRecord member) => new()
        {
            Id = id, Category = "dibao", Size = 1, MonthlyIncome = 300, Location = At(30.6415, 104.0931, divisionCode: "510104017"), Members = [member],
        };
        var edge = new HouseholdRecord
        {
            Id = "H-2", Category = "dibao_edge", Size = 2, MonthlyIncome = 1200, Location = At(30.6415, 104.0931, divisionCode: "510104018"),
            Members = [APerson("S-2").WithSkill("clean.basic", 2), APerson("S-2b").WithSkill("clean.basic", 2)],
        };
        edge.Members[1].Employed = true;
        var unable = APerson("S-5").WithSkill("clean.basic", 2);
        unable.LaborCapacity = "none";
        return DatasetBuilder.ADataset()
            .WithEmployer("E-1", "春熙路街道办事处", publicSector: true)
            .WithEmployer("E-2", "锦华物业")
            .WithEmployer("E-3", "已满员公司")
            .With(APosition("P-1", "E-1").Requiring("clean.basic"))
            .With(Headcount(APosition("P-2", "E-2").Requiring("clean.basic"), 2))
            .With(Closed(APosition("P-3", "E-3").Requiring("clean.basic")))
            .With(Dibao("H-1", APerson("S-1").WithSkill("clean.basic", 2)))
            .With(edge)
            .With(Dibao("H-3", APerson("S-3").WithSkill("clean.basic", 2)))
            .With(Dibao("H-4", APerson("S-4").WithSkill("clean.basic", 2)))
            .With(Dibao("H-5", unable))
            .Build();
    }

    private static PositionRecord Headcount(PositionRecord p, int n)
    {
        p.Headcount = n;
        return p;
    }

    private static PositionRecord Closed(PositionRecord p)
    {
        p.Status = "closed";
        return p;
    }

    [Fact]
    public async Task The_fair_is_planned_its_lead_time_ahead_respecting_headcounts_and_priority_and_held_on_its_day()
    {
        using var dir = new TempDir();
        // 05:00 on Saturday 26 December in Chengdu: the next fair (second Saturday of January) is
        // 9 January 2027, fourteen days ahead; the daily check runs at 06:00.
        using var host = new SchedulingHost(dir.Path, new FakeTimeProvider(Shanghai.At(2026, 12, 26, 5)));
        await host.WaitForIndexesAsync();
        await host.ImportAsync(SmallDistrict());
        Assert.Empty(await host.QueryAsync(db => db.JobFairs.ToListAsync()));

        host.Clock.Advance(TimeSpan.FromMinutes(61));
        var run = await host.WaitForRunsAsync(ScheduleBook.FairPrepare);
        Assert.Equal(Quartz.JobRunResult.Succeeded, run.LastResult);

        var fair = await host.QueryAsync(db => db.JobFairs.Include(f => f.Assignments).Include(f => f.Invitations).SingleAsync());
        Assert.Equal("2027Q1", fair.Quarter);
        Assert.Equal(new DateOnly(2027, 1, 9), fair.HeldOn);
        Assert.Equal(JobFairStatus.Planned, fair.Status);
        // Headcounts: one on P-1, two on P-2, nobody twice, nobody on the closed position.
        Assert.Equal(1, fair.Assignments.Count(a => a.PositionId == "P-1"));
        Assert.Equal(2, fair.Assignments.Count(a => a.PositionId == "P-2"));
        Assert.Equal(3, fair.Assignments.Select(a => a.PersonId).Distinct().Count());
        // Priority: the three 低保 zero-employment seekers take the three places; S-2 waits.
        Assert.Equal(["S-1", "S-3", "S-4"], fair.Assignments.Select(a => a.PersonId).Order());
        Assert.All(fair.Assignments, a => Assert.StartsWith("510104017", a.DivisionCode));
        // Employers with open positions are invited; the one whose only position is closed is not.
        Assert.Equal(["E-1", "E-2"], fair.Invitations.Select(i => i.EmployerId).Order());
        Assert.Equal(2, fair.Invitations.Single(i => i.EmployerId == "E-2").OpenPlaces);
        Assert.True(fair.PlanValue >= fair.GreedyValue);

        // On its day, the fair's own schedule fires and the fair is held.
        host.Clock.Advance(Shanghai.At(2027, 1, 9, 9, 1) - host.Clock.GetUtcNow());
        await host.WaitForRunsAsync(ScheduleBook.Fair);
        var held = await host.QueryAsync(db => db.JobFairs.SingleAsync());
        Assert.Equal(JobFairStatus.Held, held.Status);
        // Planned once: the daily check that fired again on the way did not plan it twice.
        Assert.Equal(3, await host.QueryAsync(db => db.JobFairAssignments.CountAsync()));
    }
}
