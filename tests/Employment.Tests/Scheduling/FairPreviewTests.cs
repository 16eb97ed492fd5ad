using System.Net;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Placement;
using Employment.Tests.Infrastructure;
using Employment.Tests.Interchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Employment.Tests.Interchange.Records;

namespace Employment.Tests.Scheduling;

/// <summary>
/// The next fair ahead of its lead time, through HTTP: a counselor creates it and previews its plan,
/// and the plan places nobody below the quality floor (Schedules:Plan:MinScore), listing them instead.
/// </summary>
[BothStores]
public sealed class FairPreviewTests
{
    /// <summary>Three cleaning places; a cleaner, and a person with no skill the positions ask for.</summary>
    private static Dataset District()
    {
        HouseholdRecord Dibao(string id, PersonRecord member) => new()
        {
            Id = id, Category = "dibao", Size = 1, MonthlyIncome = 300, Location = At(30.6415, 104.0931, divisionCode: "510104017"), Members = [member],
        };
        var position = APosition("P-1", "E-1").Requiring("clean.basic", "clean.sanitize", "clean.machine");
        position.Headcount = 3;
        return DatasetBuilder.ADataset()
            .WithEmployer("E-1", "锦华物业")
            .With(position)
            .With(Dibao("H-1", APerson("S-1", "李保洁").WithSkill("clean.basic", 2).WithSkill("clean.sanitize", 2).WithSkill("clean.machine", 2)))
            .With(Dibao("H-6", APerson("S-6", "王无技")))
            .Build();
    }

    // Friday 4 December 2026, 10:00 in Chengdu: the next fair (second Saturday of January) is 36 days ahead.
    private static FakeTimeProvider Early() => new(Shanghai.At(2026, 12, 4, 10));

    [Fact]
    public async Task A_counselor_creates_the_next_fair_early_and_its_plan_places_nobody_below_the_quality_floor()
    {
        using var dir = new TempDir();
        using var host = new SchedulingHost(dir.Path, Early());
        await host.WaitForIndexesAsync();
        await host.ImportAsync(District());
        var counselor = await host.SignedInAsAsync(Roles.Counselor, ["510104017"]);

        var list = WebUtility.HtmlDecode(await counselor.GetStringAsync("/Fairs"));
        Assert.Contains("下一场招聘会定于 2027-01-09（还有 36 天）", list);
        Assert.Empty(await host.QueryAsync(db => db.JobFairs.ToListAsync()));

        var created = await counselor.PostFormAsync("/Fairs?handler=Preview", [], "/Fairs");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var fair = await host.QueryAsync(db => db.JobFairs.Include(f => f.Assignments).Include(f => f.Unplaced).AsSplitQuery().SingleAsync());
        Assert.Equal($"/Fairs/{fair.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal((JobFairStatus.Scheduled, new DateOnly(2027, 1, 9), 0.4), (fair.Status, fair.HeldOn, fair.MinScore));
        // The cleaner is placed; the person without the skill is not sent to fill a place, but listed.
        Assert.Equal("S-1", Assert.Single(fair.Assignments).PersonId);
        Assert.All(fair.Assignments, a => Assert.True(a.Score >= 0.4));
        var unplaced = Assert.Single(fair.Unplaced);
        Assert.Equal(("S-6", UnplacedReason.NoSuitablePosition), (unplaced.PersonId, unplaced.Reason));

        var page = WebUtility.HtmlDecode(await counselor.GetStringAsync($"/Fairs/{fair.Id}"));
        Assert.Contains("这是预览方案，尚未定稿", page);
        Assert.Contains("data-unplaced=\"S-6\"", page);
        Assert.Contains("王无技", page);
        Assert.Contains("暂无合适岗位 (1)", page);
        Assert.Contains("匹配度低于 40% 的不安排", page);
        // The plan's value in words a counselor uses: the average match as a percentage, not the raw sum.
        Assert.Contains($"平均匹配度 {Core.Matching.MatchGrade.Percent(fair.Assignments[0].Score)}%", page);
        Assert.DoesNotContain("逐个挑选得分", page);
        Assert.DoesNotContain(fair.PlanValue!.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), page);

        // Another street's counselor sees neither the plan's people nor the unplaced ones.
        var other = await host.SignedInAsAsync(Roles.Counselor, ["510104018"]);
        Assert.DoesNotContain("王无技", WebUtility.HtmlDecode(await other.GetStringAsync($"/Fairs/{fair.Id}")));

        // The preview can be refreshed at any time; it stays a preview until the lead time plans it for good.
        Assert.Equal(HttpStatusCode.Redirect, (await counselor.PostFormAsync($"/Fairs/{fair.Id}?handler=Refresh", [], $"/Fairs/{fair.Id}")).StatusCode);
        Assert.Equal(2, await host.QueryAsync(db => db.AuditLog.CountAsync(a => a.Action == "fair.previewed")));
        Assert.Equal(1, await host.QueryAsync(db => db.JobFairAssignments.CountAsync()));
        using (var scope = host.Services.CreateScope())
        {
            var done = await scope.ServiceProvider.GetRequiredService<JobFairPlanning>().PrepareAsync(new DateOnly(2027, 1, 9));
            Assert.True(done.Created);
        }
        var planned = await host.QueryAsync(db => db.JobFairs.Include(f => f.Assignments).SingleAsync());
        Assert.Equal((JobFairStatus.Planned, 1), (planned.Status, planned.Assignments.Count));
        Assert.DoesNotContain("id=\"preview-fair\"", await counselor.GetStringAsync("/Fairs"));
    }

    [Fact]
    public async Task The_quality_floor_is_read_from_configuration_and_checked_at_start()
    {
        using (var dir = new TempDir())
        {
            // With no floor the same district's plan fills the places with the weak match the floor keeps out.
            using var host = new SchedulingHost(dir.Path, Early(), settings: new Dictionary<string, string> { ["Schedules:Plan:MinScore"] = "0" });
            await host.WaitForIndexesAsync();
            await host.ImportAsync(District());
            var admin = await host.SignedInAsAsync(Roles.Admin);
            Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Fairs?handler=Preview", [], "/Fairs")).StatusCode);
            var weak = await host.QueryAsync(db => db.JobFairAssignments.SingleAsync(a => a.PersonId == "S-6"));
            Assert.True(weak.Score < 0.4, $"S-6 scores {weak.Score}");
        }
        using (var dir = new TempDir())
        {
            using var host = new SchedulingHost(dir.Path, Early(), settings: new Dictionary<string, string> { ["Schedules:Plan:MinScore"] = "1.5" });
            var failure = Assert.ThrowsAny<Exception>(() => host.Server);
            Assert.Contains("Schedules:Plan:MinScore", failure.ToString());
        }
    }
}
