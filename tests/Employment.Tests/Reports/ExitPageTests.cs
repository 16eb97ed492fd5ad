using System.Net;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Employment.Tests.Reports;

/// <summary>The exit pages through HTTP: the counselor's own area only, a verify form that validates, undo.</summary>
[BothStores]
public sealed class ExitPageTests(DistrictAppFactory factory) : IClassFixture<DistrictAppFactory>
{
    private async Task<HttpClient> CounselorAsync(string area) => await (await factory.ReadyAsync()).SignedInAsAsync(Roles.Counselor, [area]);

    private Task<ExitStatus> StatusAsync(string household) =>
        factory.WithDbAsync(db => db.Households.Where(h => h.Id == household).Select(h => h.ExitStatus).SingleAsync());

    [Fact]
    public async Task Anonymous_and_employers_get_no_exit_page()
    {
        await factory.ReadyAsync();
        var anonymous = await factory.NewClient().GetAsync("/Exits");
        var employer = await (await factory.SignedInAsAsync(Roles.Employer, employerId: "E-1")).GetAsync("/Exits/Verify/H5");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, employer.StatusCode);
    }

    [Fact]
    public async Task A_counselor_sees_the_candidates_and_exits_of_their_own_area_only()
    {
        var jinguanyi = await CounselorAsync(HandMadeDistrict.Jinguanyi);
        var donghu = await CounselorAsync(HandMadeDistrict.Donghu);

        var own = await jinguanyi.GetStringAsync("/Exits");
        var other = await donghu.GetStringAsync("/Exits");
        var guessed = await donghu.GetAsync("/Exits/Verify/H5");

        Assert.Contains("href=\"/Counselor/Household/H5\"", own);                     // the candidate exactly on the edge line
        Assert.Contains("1,500.00", own);
        Assert.Contains("href=\"/Counselor/Household/H3\"", own);                     // exited 10-05, in transition
        Assert.DoesNotContain("href=\"/Counselor/Household/H5\"", other);
        Assert.Contains("href=\"/Counselor/Household/H4\"", other);                   // its exit revoked: shown as such
        Assert.Contains("已撤销", other);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        var audit = await factory.WithDbAsync(db => db.AuditLog.Where(a => a.EntityId == "exit-list").Select(a => a.DetailArgs).ToListAsync());
        Assert.Contains(audit, d => d!.Contains("H5"));
    }

    [Fact]
    public async Task A_note_is_required_and_nothing_is_written_without_it()
    {
        var client = await CounselorAsync(HandMadeDistrict.Jinguanyi);

        var response = await client.PostFormAsync("/Exits/Verify/H5", new() { ["Input.VerifiedOn"] = "2026-11-14", ["Input.Note"] = "" });
        var future = await client.PostFormAsync("/Exits/Verify/H5", new() { ["Input.VerifiedOn"] = "2026-11-30", ["Input.Note"] = "入户核实" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("field-validation-error", await response.Content.ReadAsStringAsync());
        // The refusal in the reader's language (this page used to show Core's English sentence).
        var futurePage = await future.Content.ReadAsStringAsync();
        Assert.Contains("日期不能晚于今天", futurePage);
        Assert.DoesNotContain("is in the future", futurePage);
        Assert.Equal(ExitStatus.Candidate, await StatusAsync("H5"));
    }

    [Fact]
    public async Task A_counselor_verifies_an_exit_with_a_dated_note_and_can_undo_it()
    {
        var client = await CounselorAsync(HandMadeDistrict.Jinguanyi);

        var form = await client.GetStringAsync("/Exits/Verify/H5");
        var posted = await client.PostFormAsync("/Exits/Verify/H5",
            new() { ["Input.VerifiedOn"] = "2026-11-14", ["Input.Note"] = "入户核实：超市理货工资稳定" });

        Assert.Contains("value=\"2026-11-15\"", form);            // today by default
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.Contains("verified=", location);
        Assert.Equal(ExitStatus.Exited, await StatusAsync("H5"));
        var exit = await factory.WithDbAsync(db => db.HouseholdExits.SingleAsync(e => e.HouseholdId == "H5"));
        Assert.Equal(new DateOnly(2026, 11, 14), exit.VerifiedOn);
        Assert.Equal(new DateOnly(2029, 11, 14), exit.IncentiveEndsOn);
        Assert.Equal(1500m, exit.IncomePerHead);
        Assert.True(await factory.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.EntityId == "H5" && a.Action == "view")));

        var landing = await client.GetStringAsync(location);
        Assert.Contains("已核实退出", landing);
        var undone = await client.PostFormAsync("/Exits?handler=Undo", new() { ["exitId"] = exit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, page: location);

        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Equal(ExitStatus.Candidate, await StatusAsync("H5"));
        Assert.False(await factory.WithDbAsync(db => db.HouseholdExits.AnyAsync(e => e.HouseholdId == "H5")));
    }

    [Fact]
    public async Task Another_counselor_cannot_undo_an_exit_they_cannot_see()
    {
        var donghu = await CounselorAsync(HandMadeDistrict.Donghu);
        var exitId = await factory.WithDbAsync(db => db.HouseholdExits.Where(e => e.HouseholdId == "H3").Select(e => e.Id).SingleAsync());

        var response = await donghu.PostFormAsync("/Exits?handler=Undo", new() { ["exitId"] = exitId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, page: "/Exits");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ExitStatus.Exited, await StatusAsync("H3"));
    }
}
