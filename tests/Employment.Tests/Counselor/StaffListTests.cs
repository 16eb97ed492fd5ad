using System.Net;
using System.Text.RegularExpressions;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Employment.Tests.Counselor;

/// <summary>
/// What staff lists show, through HTTP on the demo district: households by their head's name and
/// street (masked for a role that is nobody's caseworker), a larger-text setting, a quarter picked from a list.
/// </summary>
[BothStores]
public sealed partial class StaffListTests(CounselorHost host) : IClassFixture<CounselorHost>
{
    [Fact]
    public async Task The_caseload_names_each_household_by_its_head_and_street_and_masks_the_name_for_an_admin()
    {
        var counselor = await host.CounselorOfAsync(host.StreetA);
        var zero = Section(await CounselorHost.HtmlAsync(await counselor.GetAsync("/Counselor")), "zero-h");
        var id = HouseholdLink().Match(zero).Groups[1].Value;
        Assert.NotEmpty(id);
        var (head, street) = await HeadAndStreetAsync(id);
        Assert.Contains($">{head}</a>", zero);
        Assert.Contains($"{street} · {id}", zero);

        var admin = await host.SignedInAsAsync(Roles.Admin);
        var adminZero = Section(await CounselorHost.HtmlAsync(await admin.GetAsync("/Counselor")), "zero-h");
        var adminId = HouseholdLink().Match(adminZero).Groups[1].Value;
        var (adminHead, adminStreet) = await HeadAndStreetAsync(adminId);
        Assert.Contains($">{Employment.Core.Kiosk.KioskPersonal.MaskName(adminHead)}</a>", adminZero);
        Assert.DoesNotContain(adminHead, adminZero);
        Assert.Contains($"{adminStreet} · {adminId}", adminZero);
    }

    [Fact]
    public async Task Staff_pages_have_a_larger_text_setting_remembered_by_the_browser()
    {
        var counselor = await host.CounselorOfAsync(host.StreetA);
        var before = await CounselorHost.HtmlAsync(await counselor.GetAsync("/Counselor"));
        Assert.DoesNotContain("class=\"text-large\"", before);
        Assert.Contains("id=\"text-size\"", before);
        Assert.Contains("aria-pressed=\"false\"", before);

        var set = await counselor.GetAsync("/TextSize?size=large&returnUrl=%2FCounselor");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/Counselor", set.Headers.Location!.OriginalString);
        var after = await CounselorHost.HtmlAsync(await counselor.GetAsync("/Reports"));
        Assert.Contains("<html lang=\"zh-CN\" class=\"text-large\">", after);
        Assert.Contains("aria-pressed=\"true\"", after);

        // Back to normal; and the setting never redirects off the site.
        var unset = await counselor.GetAsync("/TextSize?size=normal&returnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/", unset.Headers.Location!.OriginalString);
        Assert.DoesNotContain("class=\"text-large\"", await CounselorHost.HtmlAsync(await counselor.GetAsync("/Counselor")));
    }

    [Fact]
    public async Task The_reports_quarter_is_picked_from_a_list_not_typed()
    {
        var counselor = await host.CounselorOfAsync(host.StreetA);
        var page = await CounselorHost.HtmlAsync(await counselor.GetAsync("/Reports"));
        Assert.Contains("<select name=\"quarter\" id=\"quarter\">", page);
        Assert.DoesNotContain("<input name=\"quarter\"", page);
        Assert.Matches("<option value=\"\\d{4}Q[1-4]\" selected=\"selected\">\\d{4} 年第 [1-4] 季度</option>", page);

        // A quarter older than the list, reached by a link, is in the list and chosen.
        var older = await CounselorHost.HtmlAsync(await counselor.GetAsync("/Reports?quarter=2021Q2"));
        Assert.Contains("<option value=\"2021Q2\" selected=\"selected\">2021 年第 2 季度</option>", older);
    }

    [Fact]
    public async Task The_caseload_filters_zero_employment_in_the_database_by_the_same_rule_as_the_ledger()
    {
        // The query form of the rule (the caseload's) and the loaded form (the ledger's, the engine's) agree on every household.
        var (byQuery, byRule, inStreet) = await host.WithDbAsync(async db =>
        {
            var query = await db.Households.AsNoTracking().ZeroEmployment().Select(h => h.Id).ToListAsync();
            var all = await db.Households.AsNoTracking().Include(h => h.Members).ToListAsync();
            var rule = all.Where(HouseholdStanding.IsZeroEmployment).Select(h => h.Id).ToList();
            var street = all.Count(h => h.DivisionCode == host.StreetA && h.ArchivedUtc == null && h.ExitStatus != ExitStatus.Exited
                && HouseholdStanding.IsZeroEmployment(h));
            return (query.Order(StringComparer.Ordinal).ToList(), rule.Order(StringComparer.Ordinal).ToList(), street);
        });
        Assert.NotEmpty(byRule);
        Assert.Equal(byRule, byQuery);
        var counselor = await host.CounselorOfAsync(host.StreetA);
        var zero = Section(await CounselorHost.HtmlAsync(await counselor.GetAsync("/Counselor")), "zero-h");
        Assert.Contains($"<span class=\"count\">{inStreet}</span>", zero);
    }

    private async Task<(string Head, string Street)> HeadAndStreetAsync(string householdId) =>
        await host.WithDbAsync(async db =>
        {
            var names = await db.Persons.AsNoTracking().Where(p => p.HouseholdId == householdId && p.ErasedUtc == null)
                .Select(p => new { p.Id, p.Name }).ToListAsync();
            var code = await db.Households.Where(h => h.Id == householdId).Select(h => h.DivisionCode).SingleAsync();
            var streets = await Streets.LoadAsync(db, default);
            return (names.MinBy(n => n.Id, StringComparer.Ordinal)!.Name, streets.Find(streets.StreetOf(code)!)!.Name);
        });

    private static string Section(string html, string headingId)
    {
        var start = html.IndexOf($"id=\"{headingId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, headingId);
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("href=\"/Counselor/Household/([^\"]+)\"")]
    private static partial Regex HouseholdLink();
}
