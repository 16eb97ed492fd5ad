using System.Globalization;
using System.Net;
using Employment.Core.Kiosk;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Kiosk;

/// <summary>The kiosk's pages and endpoints over HTTP on the demo district: what anyone may see, and what no one may.</summary>
[BothStores]
public sealed class KioskHttpTests(AppFactory app) : IClassFixture<AppFactory>
{
    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Closed_full_and_expired_positions_are_not_shown_nor_their_QR_codes()
    {
        await app.WaitForIndexesAsync();
        var today = DateOnly.FromDateTime(DateTime.Now);
        var hidden = await app.WithDbAsync(db => db.Positions.AsNoTracking()
            .Where(p => p.Status != PositionStatus.Open || p.Filled >= p.Headcount || (p.ValidUntil != null && p.ValidUntil < today))
            .Select(p => p.Id).ToListAsync());
        var open = await app.WithDbAsync(db => db.Positions.AsNoTracking()
            .Where(p => p.Status == PositionStatus.Open && p.Filled < p.Headcount && (p.ValidUntil == null || p.ValidUntil >= today))
            .Select(p => p.Id).FirstAsync());
        Assert.NotEmpty(hidden);
        var client = Client();
        foreach (var id in hidden.Take(10))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/kiosk/positions/" + id)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/kiosk/positions/{id}/qr.svg")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kiosk/positions/" + open)).StatusCode);
        var all = await client.GetStringAsync("/kiosk/positions?page=1");
        Assert.DoesNotContain("/kiosk/positions/" + hidden[0] + "\"", all);
    }

    [Fact]
    public async Task The_home_counts_match_the_read_model_and_no_person_appears_anywhere()
    {
        await app.WaitForIndexesAsync();
        var names = await app.WithDbAsync(db => db.Persons.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Name).Take(50).ToListAsync());
        var client = Client();
        var home = await client.GetStringAsync("/kiosk");
        var count = await app.WithDbAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<KioskCatalog>().OpenPositionsAsync(default)).Count;
        });
        Assert.Contains($"{count} 个岗位", home);
        foreach (var page in new[] { home, await client.GetStringAsync("/kiosk/positions"), await client.GetStringAsync("/kiosk/streets") })
        {
            Assert.DoesNotContain(names, n => n.Length >= 2 && page.Contains(n, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_posting_with_a_street_but_no_address_shows_the_street_as_its_place()
    {
        var (id, street) = await app.WithDbAsync(async db =>
        {
            var position = await db.Positions.Where(p => p.Status == Core.Positions.PositionStatus.Open && !p.Remote && p.DivisionCode != null
                && p.Filled < p.Headcount && p.ValidUntil == null && p.Employer!.Status == Core.Positions.EmployerStatus.Approved).OrderBy(p => p.Id).FirstAsync();
            position.Address = null;
            await db.SaveChangesAsync();
            return (position.Id, await db.Divisions.Where(d => d.Code == position.DivisionCode).Select(d => d.Name).SingleAsync());
        });

        var html = await Client().GetStringAsync("/kiosk/positions/" + id);

        Assert.Matches("icons.svg#pin[^<]*</use></svg>[^<]*</dt>\\s*<dd>\\s*" + System.Text.RegularExpressions.Regex.Escape(street), html);
    }

    [Fact]
    public async Task A_wrong_PIN_says_how_many_tries_are_left()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var card = "98" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        var response = await client.PostFormAsync("/kiosk/signin", new() { ["card"] = card, ["pin"] = "000001" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("还可以再试 4 次", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_kiosk_page_is_no_store_and_the_personal_page_needs_a_session()
    {
        var client = Client();
        foreach (var path in new[] { "/kiosk", "/kiosk/positions", "/kiosk/signin", "/kiosk/streets" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        }
        var me = await client.GetAsync("/kiosk/me");
        Assert.Equal(HttpStatusCode.Redirect, me.StatusCode);
        Assert.Equal("/kiosk/signin", me.Headers.Location?.OriginalString);
        var token = Infrastructure.Staff.AntiforgeryToken(await client.GetStringAsync("/kiosk"))!;
        var end = await client.PostAsync("/kiosk/end", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("\"cache\", \"cookies\", \"storage\"", string.Join(", ", end.Headers.GetValues("Clear-Site-Data")));
    }

    [Fact]
    public async Task The_display_and_language_switches_never_redirect_off_the_kiosk()
    {
        var client = Client();
        foreach (var target in new[] { "https://evil.example/", "//evil.example/kiosk", "/Identity/Account", "/kiosk\\..\\x" })
        {
            var display = await client.GetAsync("/kiosk/display?toggle=large&returnUrl=" + Uri.EscapeDataString(target));
            Assert.Equal("/kiosk", display.Headers.Location?.OriginalString);
            var language = await client.GetAsync("/kiosk/language?culture=en&returnUrl=" + Uri.EscapeDataString(target));
            Assert.Equal("/kiosk", language.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Interested_writes_one_lead_while_it_is_new_and_none_for_a_closed_position()
    {
        await app.WaitForIndexesAsync();
        using var scope = app.Services.CreateScope();
        var personal = scope.ServiceProvider.GetRequiredService<KioskPersonal>();
        var personId = await app.WithDbAsync(db => db.Persons.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var open = (await scope.ServiceProvider.GetRequiredService<KioskCatalog>().OpenPositionsAsync(default))[0].Id;
        var closed = await app.WithDbAsync(db => db.Positions.AsNoTracking().Where(p => p.Status == PositionStatus.Closed).Select(p => p.Id).FirstAsync());

        Assert.True(await personal.InterestedAsync(personId, open, default));
        Assert.True(await personal.InterestedAsync(personId, open, default));
        Assert.False(await personal.InterestedAsync(personId, closed, default));

        var leads = await app.WithDbAsync(db => db.Leads.AsNoTracking().Where(l => l.PersonId == personId).ToListAsync());
        Assert.Single(leads);
        Assert.Equal((open, LeadStatus.New), (leads[0].PositionId, leads[0].Status));

        // Once the counselor has handled it, a new "interested" is a new lead.
        await app.WithDbAsync(async db =>
        {
            var lead = await db.Leads.SingleAsync(l => l.Id == leads[0].Id);
            lead.Status = LeadStatus.Contacted;
            return await db.SaveChangesAsync();
        });
        Assert.True(await personal.InterestedAsync(personId, open, default));
        Assert.Equal(2, await app.WithDbAsync(db => db.Leads.CountAsync(l => l.PersonId == personId)));
    }

    [Fact]
    public async Task Recommendations_carry_plain_reasons_in_the_reader_s_language_and_never_the_household_s_income()
    {
        await app.WaitForIndexesAsync();
        using var scope = app.Services.CreateScope();
        var personal = scope.ServiceProvider.GetRequiredService<KioskPersonal>();
        var ids = await app.WithDbAsync(db => db.Persons.AsNoTracking()
            .Where(p => p.Status == Core.Households.PersonStatus.Seeking).OrderBy(p => p.Id).Select(p => p.Id).Take(30).ToListAsync());
        var zh = new List<KioskRecommendation>();
        var en = new List<KioskRecommendation>();
        foreach (var id in ids)
        {
            zh.AddRange(await personal.RecommendationsAsync(id, CultureInfo.GetCultureInfo("zh-CN"), 8, default));
            en.AddRange(await personal.RecommendationsAsync(id, CultureInfo.GetCultureInfo("en"), 8, default));
        }
        Assert.NotEmpty(zh);
        Assert.Contains(zh.SelectMany(r => r.Reasons), r => r.Contains("公里", StringComparison.Ordinal) || r.Contains("技能", StringComparison.Ordinal));
        Assert.Contains(en.SelectMany(r => r.Reasons), r => r.Contains("km", StringComparison.Ordinal) || r.Contains("skill", StringComparison.Ordinal));
        Assert.DoesNotContain(zh.SelectMany(r => r.Reasons), r => r.Contains("低保线", StringComparison.Ordinal) || r.Contains("人均", StringComparison.Ordinal));
        // What counts against a job is never listed as a reason it fits (no "below the desired wage" under a tick).
        Assert.DoesNotContain(zh.SelectMany(r => r.Reasons), r => r.Contains("低于期望", StringComparison.Ordinal) || r.Contains("需先取得", StringComparison.Ordinal) || r.Contains("缺少", StringComparison.Ordinal));
        Assert.NotEmpty(zh.SelectMany(r => r.Drawbacks));
        Assert.All(zh.SelectMany(r => r.Drawbacks), d => Assert.True(d.Contains("低于期望", StringComparison.Ordinal) || d.Contains("需先取得", StringComparison.Ordinal)
            || d.Contains("缺少", StringComparison.Ordinal) || d.Contains("偏长", StringComparison.Ordinal), d));
        Assert.DoesNotContain(en.SelectMany(r => r.Reasons), r => r.Contains("dibao", StringComparison.OrdinalIgnoreCase) || r.Contains("per head", StringComparison.Ordinal));
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "kiosk.view" && a.EntityId == ids[0])));
    }

    [Theory]
    [InlineData("王小明", "王**")]
    [InlineData("李四", "李**")]
    [InlineData("Li Ming", "L******")]
    public void Names_are_shown_with_all_but_the_first_letter_hidden(string name, string masked) =>
        Assert.Equal(masked, KioskPersonal.MaskName(name));
}

/// <summary>The host with low kiosk limits and no demo data.</summary>
public sealed class RateLimitedAppFactory : AppFactory
{
    public RateLimitedAppFactory() : base(demo: false)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Kiosk:PermitsPerMinute", "5");
        builder.UseSetting("Kiosk:SignInPermitsPerMinute", "2");
    }
}

[BothStores]
public sealed class KioskRateLimitTests(RateLimitedAppFactory app) : IClassFixture<RateLimitedAppFactory>
{
    [Fact]
    public async Task Anonymous_kiosk_pages_answer_429_past_the_limit_while_other_pages_do_not()
    {
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await client.GetAsync("/kiosk/positions")).StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5), statuses.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/kiosk/positions/X/qr.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        // Sign-in attempts have a tighter limit of their own.
        var posts = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add((await client.PostAsync("/kiosk/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["card"] = "1", ["pin"] = "2" }))).StatusCode);
        }
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, posts.Take(2));
        Assert.Equal(HttpStatusCode.TooManyRequests, posts[2]);
    }
}
