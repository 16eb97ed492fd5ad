using System.Net;
using System.Text.RegularExpressions;
using Employment.Core.Data;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Reports;

/// <summary>The big screen on the demo district: no sign-in, nothing personal, no inline script or style.</summary>
[BothStores]
public sealed partial class ScreenTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_screen_needs_no_sign_in_and_shows_the_district_in_chinese_first()
    {
        var response = await app.CreateClient().GetAsync("/screen");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("成都市锦江区 就业帮扶", html);
        Assert.Contains("零就业家庭", html);
        Assert.Contains("<svg", html);
        Assert.Contains("锦官驿街道", html);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Quarters_before_the_first_registration_are_not_drawn_as_zeros_and_the_screen_says_so()
    {
        // The demo district is registered on the first start (today): the last quarters had no data.
        var since = await app.WithDbAsync(db => db.Households.MinAsync(h => h.RegisteredUtc));
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var day = Employment.Core.Domain.DistrictClock.DayOf(clock, since);
        var current = Employment.Core.Reports.Quarter.Of(Employment.Core.Domain.DistrictClock.Today(clock));
        var html = await app.CreateClient().GetStringAsync("/screen");

        Assert.Contains($"{day:yyyy-MM-dd} 之前没有数据", html);
        // Only quarters that ended on or after the first registration are in the trend charts.
        var earlier = current.LastQuarters(4).Where(q => q.LastDay < day).Select(q => q.ToString()).ToList();
        Assert.NotEmpty(earlier);
        Assert.Contains(">" + current + "<", html);
        Assert.All(earlier, q => Assert.DoesNotContain(">" + q + "<", html));
    }

    [Fact]
    public async Task The_screen_has_a_main_landmark_and_the_site_serves_its_favicon()
    {
        var client = app.CreateClient();
        var html = await client.GetStringAsync("/screen");
        Assert.Matches("<main[ >][\\s\\S]*</main>", html);
        Assert.Contains("rel=\"icon\" href=\"/favicon.ico\"", html);
        Assert.Contains("rel=\"icon\" href=\"/favicon.ico\"", await client.GetStringAsync("/Account/Login"));

        var icon = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        var bytes = await icon.Content.ReadAsByteArrayAsync();
        // An ICO header: reserved 0, type 1 (icon), at least one image.
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
        Assert.True(bytes[4] >= 1);
    }

    [Fact]
    public async Task Nothing_personal_reaches_the_screen_or_its_panel()
    {
        var client = app.CreateClient();
        var page = await client.GetStringAsync("/screen");
        var panel = await client.GetStringAsync("/screen?handler=Panel");
        var english = await client.GetStringAsync("/screen?culture=en");
        var people = await app.WithDbAsync(db => db.Persons.AsNoTracking().OrderBy(p => p.Id).Take(300)
            .Select(p => new { p.Name, p.IdNumber, p.Phone, p.HouseholdId, p.Id }).ToListAsync());
        var addresses = await app.WithDbAsync(db => db.Households.AsNoTracking().Where(h => h.Address != null).Take(300).Select(h => h.Address!).ToListAsync());

        Assert.NotEmpty(people);
        foreach (var text in new[] { page, panel, english })
        {
            foreach (var person in people)
            {
                Assert.DoesNotContain(person.Name, text);
                Assert.DoesNotContain(person.Id, text);
                Assert.DoesNotContain(person.HouseholdId, text);
                if (person.IdNumber is { } id)
                {
                    Assert.DoesNotContain(id, text);
                    Assert.DoesNotContain(id[^4..] + "<", text);
                }
            }
            foreach (var address in addresses)
            {
                Assert.DoesNotContain(address, text);
            }
            // No 18-character resident ID of any shape, masked or not.
            Assert.DoesNotMatch(ResidentIdPattern(), text);
        }
    }

    [Fact]
    public async Task The_page_refreshes_itself_with_a_script_file_and_a_meta_refresh_fallback_and_nothing_inline()
    {
        var client = app.CreateClient();
        var html = await client.GetStringAsync("/screen");

        Assert.Matches(@"<noscript><meta http-equiv=""refresh"" content=""\d+"" /></noscript>", html);
        Assert.Matches(@"<script src=""/js/screen\.js(\?v=[^""]+)?"" defer></script>", html);
        Assert.Matches(@"data-refresh-seconds=""\d+""", html);
        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", html);
        Assert.DoesNotMatch(@"\sstyle=""", html);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.Contains("setInterval", await client.GetStringAsync("/js/screen.js"));
        var panel = await client.GetStringAsync("/screen?handler=Panel");
        Assert.DoesNotContain("<html", panel);
        Assert.Contains("class=\"tiles\"", panel);
    }

    [Fact]
    public async Task The_language_switch_turns_the_screen_english()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        await client.GetAsync("/Culture?culture=en&returnUrl=%2Fscreen");

        var html = await client.GetStringAsync("/screen");

        Assert.Contains("employment assistance", html);
        Assert.Contains("Zero-employment", html);
        Assert.Contains("中文", html);
    }

    [GeneratedRegex(@"\d{6}(\d{8}|\*{8})\d{3}[\dXx]")]
    private static partial Regex ResidentIdPattern();
}

/// <summary>Small counts withheld on the public screen, on the hand-made district where they are small.</summary>
[BothStores]
public sealed class ScreenSmallCountTests(DistrictAppFactory factory) : IClassFixture<DistrictAppFactory>
{
    [Fact]
    public async Task Counts_under_five_are_withheld_rates_and_averages_say_what_is_withheld_and_why_and_bars_are_not_drawn_for_them()
    {
        await factory.ReadyAsync();
        var html = await factory.CreateClient().GetStringAsync("/screen?handler=Panel");

        // Six households in the program: shown. Everything else counts fewer than five (three zero-employment households,
        // two placements, one public-welfare, and the rates and the average over one or two): withheld.
        Assert.Contains("<p class=\"tile-value\">6</p>", html);
        // Counts say the count is small; a rate or an average says the people behind it are too few, never a
        // bare "少于5" that reads as under 5 % or under 5 days; and the screen says once why.
        Assert.Equal(3, Regex.Matches(html, "<p class=\"tile-value withheld\">少于5</p>").Count);
        Assert.Equal(4, Regex.Matches(html, "<p class=\"tile-value withheld\">人数少于5，不公布</p>").Count);
        Assert.Contains("为保护个人隐私，不足5户（人）的数字不公布", html);
        Assert.DoesNotContain("<p class=\"tile-value\">2</p>", html);
        Assert.DoesNotContain("<p class=\"tile-value\">3</p>", html);
        Assert.DoesNotContain(HandMadeDistrict.PersonIdNumber, html);
        Assert.DoesNotContain("测试P", html);
        // 锦官驿's two placements are withheld: its row has the text and no bar.
        Assert.Matches("锦官驿街道</text><text class=\"value withheld\"", html);
    }
}
