using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Employment.Core.Data;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Employment.Tests.Counselor;

/// <summary>
/// Every read of personal data and every refusal a staff member meets leaves an audit entry,
/// written in one place (PersonalDataAuditing) before the response leaves the host.
/// </summary>
public sealed class PersonalDataAuditTests(CounselorHost host) : IClassFixture<CounselorHost>
{
    private Task<List<AuditEntry>> EntriesOfAsync(string actor) =>
        host.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Actor == actor).ToListAsync());

    private async Task<(HttpClient Client, string Login)> CounselorAsync()
    {
        var account = await host.CreateAccountAsync(Roles.Counselor, areas: [host.StreetA]);
        return (await host.SignInAsync(account), account.Login);
    }

    [Fact]
    public async Task The_caseload_audits_every_person_and_household_it_lists()
    {
        var (client, login) = await CounselorAsync();

        var page = await client.GetAsync("/Counselor");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var entries = await EntriesOfAsync(login);
        var households = entries.Where(e => e.Action == "view" && e.EntityType == AuditTrail.Household && e.DetailCode == AuditDetails.CaseloadZeroEmployment).ToList();
        Assert.NotEmpty(households);
        Assert.Contains(entries, e => e.Action == "view" && e.EntityType == AuditTrail.Person && e.DetailCode!.StartsWith("caseload.", StringComparison.Ordinal));
        // Each listed household is on the page and in the audit.
        var html = await page.Content.ReadAsStringAsync();
        Assert.All(households, h => Assert.Contains(h.EntityId, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_at_the_same_moment_each_leave_their_own_entries()
    {
        // Concurrent requests' entries are committed together (AuditGroupCommit): each counselor's
        // household view must still be logged once, under that counselor, before the page answers.
        var households = await host.WithDbAsync(db => db.Households.AsNoTracking().Where(h => h.DivisionCode == host.StreetA)
            .OrderBy(h => h.Id).Select(h => h.Id).Take(6).ToListAsync());
        var counselors = await Task.WhenAll(households.Select(_ => CounselorAsync()));

        var pages = await Task.WhenAll(counselors.Zip(households, (c, h) => c.Client.GetAsync($"/Counselor/Household/{h}")));

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        foreach (var ((_, login), household) in counselors.Zip(households))
        {
            var views = (await EntriesOfAsync(login)).Where(e => e.Action == "view" && e.EntityType == AuditTrail.Household).ToList();
            Assert.Equal(household, Assert.Single(views).EntityId);
        }
    }

    [Fact]
    public async Task A_talent_pool_search_audits_the_people_it_shows()
    {
        var (client, login) = await CounselorAsync();

        var page = await client.GetStringAsync("/Counselor/Search");

        var seen = (await EntriesOfAsync(login)).Where(e => e.Action == "view" && e.DetailCode == AuditDetails.TalentPoolSearch).Select(e => e.EntityId).ToList();
        Assert.NotEmpty(seen);
        Assert.All(seen, id => Assert.Contains(id, page, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Candidates_for_a_position_through_the_API_are_audited_one_by_one()
    {
        var (client, login) = await CounselorAsync();
        var person = await host.TakeAsync(host.StreetA);
        var positionId = CounselorHost.MatchedPositions(await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Person/{person.Id}"))).First();

        var candidates = await client.GetFromJsonAsync<JsonElement>($"/api/matches/position/{positionId}?top=20");

        var ids = candidates.EnumerateArray().Select(c => c.GetProperty("personId").GetString()!).ToHashSet();
        Assert.NotEmpty(ids);
        var audited = (await EntriesOfAsync(login)).Where(e => e.Action == "view" && e.DetailCode == AuditDetails.ApiPositionMatches && e.DetailArgs == $"[\"{positionId}\"]")
            .Select(e => e.EntityId).ToHashSet();
        Assert.Equal(ids, audited);
    }

    [Fact]
    public async Task A_refused_look_at_another_streets_household_is_audited()
    {
        var (client, login) = await CounselorAsync();
        var other = await host.WithDbAsync(db => db.Households.AsNoTracking().Where(h => h.DivisionCode == host.StreetB).Select(h => h.Id).FirstAsync());

        var response = await client.GetAsync($"/Counselor/Household/{other}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var refused = Assert.Single(await EntriesOfAsync(login), e => e.Action == "refused");
        Assert.Equal($"/Counselor/Household/{other}", refused.EntityId);
        Assert.Equal(AuditDetails.Refused, refused.DetailCode);
        Assert.Equal("404", AuditDetail.From(refused)!.Arguments[1]);
    }
}
