using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Positions;
using Employment.Tests.Counselor;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Operations;

/// <summary>
/// New-match alerts on the demo district through the real host, its indexes and its outbox: a position
/// that enters a person's top ten reaches the counselor of the person's street; one nobody may take does not.
/// </summary>
[BothStores]
public sealed class MatchAlertTests(CounselorHost host) : IClassFixture<CounselorHost>
{
    private async Task<int> ScanUntilAsync(long outboxRow)
    {
        var added = 0;
        for (var i = 0; i < 100; i++)
        {
            using var scope = host.Services.CreateScope();
            added += await scope.ServiceProvider.GetRequiredService<MatchAlerts>().ScanAsync();
            var mark = await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxReaders
                .Where(r => r.Name == MatchAlerts.Reader).Select(r => r.Watermark).SingleAsync();
            if (mark >= outboxRow)
            {
                return added;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the alerts never caught up with the outbox");
    }

    private Task<long> LastOutboxRowAsync() => host.WithDbAsync(db => db.IndexChanges.Where(c => c.Index == AppDbContext.JobBankIndex).MaxAsync(c => c.Id));

    [Fact]
    public async Task A_position_that_enters_a_persons_top_ten_alerts_their_counselor_and_one_nobody_may_take_does_not()
    {
        await ScanUntilAsync(await LastOutboxRowAsync()); // the reader starts from now
        var person = await host.TakeAsync(host.StreetA, (p, _) => p.Needs.Count == 0 && p.MaxHoursPerWeek is null && p.Limits.Count == 0);
        var household = person.Household!;
        var employer = await host.WithDbAsync(db => db.Employers.Where(e => e.Status == EmployerStatus.Approved).Select(e => e.Id).FirstAsync());
        Position Near(string id, int? minAge) => new()
        {
            Id = id, Title = "社区就业服务专员" + id, EmployerId = employer, MonthlyWage = 30_000, Headcount = 2, Status = PositionStatus.Open,
            Lat = person.Lat ?? household.Lat, Lon = person.Lon ?? household.Lon, DivisionCode = household.DivisionCode,
            RequiredSkills = person.Skills.Select(s => s.Code).ToList(), MinAge = minAge, CreatedUtc = DateTime.UtcNow, PublishedUtc = DateTime.UtcNow,
        };
        await host.WithDbAsync(async db =>
        {
            db.Positions.Add(Near("P-ALERT-FIT", null));
            db.Positions.Add(Near("P-ALERT-NOBODY", 99)); // no jobseeker is 99 or older
            return await db.SaveChangesAsync();
        });
        Assert.True(await ScanUntilAsync(await LastOutboxRowAsync()) >= 1);

        var alerts = await host.WithDbAsync(db => db.MatchAlerts.Where(a => a.PositionId.StartsWith("P-ALERT-")).ToListAsync());
        var mine = Assert.Single(alerts, a => a.PersonId == person.Id);
        Assert.Equal("P-ALERT-FIT", mine.PositionId);
        Assert.InRange(mine.Rank, 1, MatchAlerts.TopN);
        Assert.DoesNotContain(alerts, a => a.PositionId == "P-ALERT-NOBODY");

        var counselor = await host.CounselorOfAsync(host.StreetA);
        Assert.DoesNotContain("自上次查看以来有 0 条新匹配", await counselor.GetStringAsync("/Counselor"));
        var page = await counselor.GetStringAsync("/Counselor/Alerts");
        Assert.Contains($"href=\"/Counselor/Person/{person.Id}\"", page);
        Assert.Contains("社区就业服务专员P-ALERT-FIT", page);
        // Seen: the caseload counts from this visit on, and the digest still lists it.
        Assert.Contains("自上次查看以来有 0 条新匹配", await counselor.GetStringAsync("/Counselor"));
        Assert.Contains("社区就业服务专员P-ALERT-FIT", await counselor.GetStringAsync("/Counselor/Alerts?days=1"));

        var other = await host.CounselorOfAsync(host.StreetB);
        Assert.DoesNotContain($"/Counselor/Person/{person.Id}\"", await other.GetStringAsync("/Counselor/Alerts?days=7"));
    }

    [Fact]
    public async Task A_counselor_saves_a_search_for_a_person_of_their_street_and_not_for_another_streets()
    {
        var person = await host.TakeAsync(host.StreetA);
        var theirs = await host.TakeAsync(host.StreetB);
        var counselor = await host.CounselorOfAsync(host.StreetA);
        var page = $"/Counselor/Person/{person.Id}?q={Uri.EscapeDataString("保洁")}";

        var saved = await counselor.PostFormAsync($"/Counselor/Person/{person.Id}?handler=SaveSearch", new() { ["q"] = "保洁" }, page: page);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        await counselor.PostFormAsync($"/Counselor/Person/{person.Id}?handler=SaveSearch", new() { ["q"] = " 保洁 " }, page: page); // the same words once
        var search = Assert.Single(await host.WithDbAsync(db => db.SavedSearches.Where(s => s.PersonId == person.Id).ToListAsync()));
        Assert.Equal("保洁", search.Query);
        Assert.Contains("已保存的搜索", await counselor.GetStringAsync($"/Counselor/Person/{person.Id}"));

        var foreign = await counselor.PostFormAsync($"/Counselor/Person/{theirs.Id}?handler=SaveSearch", new() { ["q"] = "保洁" }, page: page);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Empty(await host.WithDbAsync(db => db.SavedSearches.Where(s => s.PersonId == theirs.Id).ToListAsync()));

        var deleted = await counselor.PostFormAsync($"/Counselor/Person/{person.Id}?handler=DeleteSearch", new() { ["searchId"] = search.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, page: page);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Empty(await host.WithDbAsync(db => db.SavedSearches.Where(s => s.PersonId == person.Id).ToListAsync()));
    }
}
