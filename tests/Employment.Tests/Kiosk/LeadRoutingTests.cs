using System.Net;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Kiosk;
using Employment.Core.Placement;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Kiosk;

/// <summary>
/// Where a kiosk "interested" goes, over HTTP on the demo district (no staff accounts at first): the
/// service desk while the district has no counselor, the district's counselors while none covers the
/// person's street, the street's counselor once there is one; the kiosk names who will call, and the
/// counselor's navigation counts the new leads.
/// </summary>
[BothStores]
public sealed class LeadRoutingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Pin = "582914";

    [Fact]
    public async Task A_lead_goes_to_the_street_s_counselors_else_the_district_s_else_the_service_desk_and_the_kiosk_says_who_will_call()
    {
        await app.WaitForIndexesAsync();
        var person = await app.WithDbAsync(db => db.Persons.AsNoTracking()
            .Where(p => !p.Employed && p.LaborCapacity != Core.Domain.LaborCapacity.None && p.CardNumber == null
                && (p.Status == PersonStatus.Registered || p.Status == PersonStatus.Seeking))
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Name, Division = p.DivisionCode ?? p.Household!.DivisionCode }).FirstAsync());
        var street = person.Division![..9];
        var district = person.Division[..6];
        var otherStreet = await app.WithDbAsync(db => db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.Street && d.Code.StartsWith(district) && d.Code != street)
            .OrderBy(d => d.Code).Select(d => d.Code).FirstAsync());
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<KioskPins>().SetPinAsync(person.Id, "67000001", Pin, "test", default);
        }
        var positions = await app.WithDbAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<KioskCatalog>().OpenPositionsAsync(default)).Take(3).Select(p => p.Id).ToList();
        });
        var kiosk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await kiosk.PostFormAsync("/kiosk/signin", new() { ["card"] = "67000001", ["pin"] = Pin })).StatusCode);

        // Nobody works in the district yet: the service desk calls, and the kiosk says so instead of "your counselor".
        var desk = await InterestedAsync(kiosk, positions[0]);
        Assert.Contains("已告诉您所在街道的就业服务站", desk);
        Assert.DoesNotContain("已告诉您的就业指导员", desk);
        Assert.Null(await FallbackAsync(positions[0]));

        // A counselor of another street of the district: the lead falls back to them, by name.
        var neighbour = await app.CreateAccountAsync(Roles.Counselor, [otherStreet], login: "lead-neighbour");
        var district_ = await InterestedAsync(kiosk, positions[1]);
        Assert.Contains("您住的街道现在没有就业指导员，已告诉本区的就业指导员lead-neighbour", district_);
        Assert.Equal(district, await FallbackAsync(positions[1]));
        var neighbourClient = await app.SignInAsync(neighbour);
        var caseload = await neighbourClient.GetStringAsync("/Counselor");
        Assert.Contains(System.Net.WebUtility.HtmlEncode(person.Name), caseload);
        Assert.Contains("住址所在街道暂无就业指导员，由本区指导员联系", caseload);
        Assert.Contains("（1 条新意向）", caseload);
        var leadId = await app.WithDbAsync(db => db.Leads.Where(l => l.PersonId == person.Id && l.PositionId == positions[1]).Select(l => l.Id).SingleAsync());
        var contacted = await neighbourClient.PostFormAsync("/Counselor?handler=Contacted", new() { ["Lead.LeadId"] = leadId.ToString() }, page: "/Counselor");
        Assert.Equal(HttpStatusCode.Redirect, contacted.StatusCode);
        Assert.DoesNotContain("条新意向）", await neighbourClient.GetStringAsync("/Counselor/Search"));

        // The street gets its counselor: the next lead is theirs, and the kiosk names them.
        var own = await app.CreateAccountAsync(Roles.Counselor, [street], login: "lead-own");
        var area = await InterestedAsync(kiosk, positions[2]);
        Assert.Contains("已告诉您的就业指导员lead-own", area);
        Assert.Null(await FallbackAsync(positions[2]));
        // Their navigation counts every new lead of their street's person (the one the desk took, and this one).
        Assert.Contains("（2 条新意向）", await (await app.SignInAsync(own)).GetStringAsync("/Counselor/Search"));
        // The neighbour does not take the street's leads once the street has its counselor.
        Assert.DoesNotContain("条新意向）", await neighbourClient.GetStringAsync("/Counselor/Search"));
    }

    [Fact]
    public async Task A_position_page_tells_a_person_who_has_not_signed_in_where_to_apply_in_both_languages()
    {
        await app.WaitForIndexesAsync();
        var position = await app.WithDbAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<KioskCatalog>().OpenPositionsAsync(default))[0].Id;
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetStringAsync("/kiosk/positions/" + position);
        Assert.Contains("<h2 id=\"h-apply\">怎样报名</h2>", page);
        Assert.Contains("请带上身份证到您所在街道的就业服务站报名", page);

        await client.GetAsync("/kiosk/language?culture=en&returnUrl=%2Fkiosk");
        var english = await client.GetStringAsync("/kiosk/positions/" + position);
        Assert.Contains("How to apply", english);
        Assert.Contains("Bring your ID card to the employment service desk of your street", english);
    }

    private async Task<string> InterestedAsync(HttpClient kiosk, string positionId)
    {
        var pressed = await kiosk.PostFormAsync("/kiosk/me?handler=Interested", new() { ["positionId"] = positionId }, page: "/kiosk/me");
        Assert.Equal(HttpStatusCode.Redirect, pressed.StatusCode);
        return await kiosk.GetStringAsync(pressed.Headers.Location!.OriginalString);
    }

    private Task<string?> FallbackAsync(string positionId) =>
        app.WithDbAsync(db => db.Leads.AsNoTracking().Where(l => l.PositionId == positionId && l.Status == LeadStatus.New)
            .Select(l => l.FallbackDistrict).SingleAsync());
}
