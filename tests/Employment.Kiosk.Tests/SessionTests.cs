using Employment.Core.Accounts;
using Employment.Core.Data;
using Employment.Core.Placement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Employment.Kiosk.Tests;

/// <summary>Signing in, recommendations, "I'm interested", and the end of a session (finish or idle).</summary>
[Collection(KioskCollection.Name)]
public sealed class SessionTests(KioskHost host)
{
    [Fact]
    public async Task Sign_in_see_recommendations_with_reasons_and_say_interested_which_reaches_the_counselor_as_a_lead()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await host.SignInAsync(page);

        var response = await page.ReloadAsync();
        Assert.Contains("no-store", await response!.HeaderValueAsync("cache-control"));
        Assert.Contains(host.MaskedName, await page.InnerTextAsync("h1"));
        Assert.DoesNotContain(host.PersonName, await page.ContentAsync());
        var recommendations = page.Locator("li.recommendation");
        Assert.True(await recommendations.CountAsync() >= 3);
        Assert.True(await recommendations.First.Locator("ul.why li").CountAsync() >= 1);
        // Nothing about the household's poverty or income reaches the screen.
        var text = await page.InnerTextAsync("main");
        Assert.DoesNotContain("低保线", text);
        Assert.DoesNotContain("低保家庭优先", text);

        var positionId = await recommendations.First.Locator("input[name=positionId]").InputValueAsync();
        var before = await LeadsAsync(positionId);
        await recommendations.First.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/kiosk/me?done=*");
        await Assertions.Expect(page.Locator("p.ok[role=status]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("li.recommendation").First.Locator("p.ok")).ToBeVisibleAsync();
        Assert.Contains(await page.Locator("ul.states li").AllInnerTextsAsync(), t => t.Contains("已告诉就业指导员", StringComparison.Ordinal));

        var leads = await LeadsAsync(positionId);
        Assert.Equal(before.Count + 1, leads.Count);
        Assert.Equal(LeadStatus.New, leads[^1].Status);

        // Pressing it again (the position page offers it too) while the lead is new adds nothing.
        await page.GotoAsync("/kiosk/positions/" + positionId);
        await page.ClickAsync("form.interest button[type=submit]");
        await page.WaitForURLAsync("**/kiosk/me?done=*");
        Assert.Equal(leads.Count, (await LeadsAsync(positionId)).Count);

        await CounselorSeesAsync(positionId);
    }

    /// <summary>
    /// The counselor whose area holds the person's household signs in to the caseload page
    /// (/Counselor) and finds the lead there: the person and the position.
    /// </summary>
    private async Task CounselorSeesAsync(string positionId)
    {
        var division = await host.WithDbAsync(db => db.Persons.AsNoTracking().Where(p => p.Id == host.PersonId)
            .Select(p => p.DivisionCode ?? p.Household!.DivisionCode).SingleAsync());
        var title = await host.WithDbAsync(db => db.Positions.AsNoTracking().Where(p => p.Id == positionId).Select(p => p.Title).SingleAsync());
        var login = "counselor-" + Guid.NewGuid().ToString("N")[..8];
        var password = "test-" + Guid.NewGuid().ToString("N")[..16];
        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAccounts>()
                .CreateAsync(new NewAccount(login, Roles.Counselor, password, login, [division!]));
        }
        // localhost: the staff cookie is Secure, which a browser honours there without TLS.
        var staff = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://localhost:{host.Port}" });
        await using var _ = staff;
        staff.SetDefaultTimeout(10_000);
        var page = await staff.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("[name='Input.Login']", login);
        await page.FillAsync("[name='Input.Password']", password);
        await page.ClickAsync("main form.form button[type=submit]");
        await page.GotoAsync("/Counselor");
        var row = page.Locator($"tr:has(a[href='/Counselor/Person/{host.PersonId}'])");
        await Assertions.Expect(row.First).ToContainTextAsync(title);
    }

    private Task<List<Lead>> LeadsAsync(string positionId) =>
        host.WithDbAsync(db => db.Leads.AsNoTracking().Where(l => l.PersonId == host.PersonId && l.PositionId == positionId).OrderBy(l => l.Id).ToListAsync());

    [Fact]
    public async Task A_wrong_PIN_is_refused_without_saying_whether_the_card_exists()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk/signin");
        await page.FillAsync("#card", "99999999");
        await page.FillAsync("#pin", "135790");
        await page.ClickAsync("form.signin button[type=submit]");
        var unknown = await page.InnerTextAsync("#signin-error");
        Assert.Contains("不对", unknown);
        Assert.EndsWith("/kiosk/signin", page.Url);
    }

    [Fact]
    public async Task Finish_ends_the_session_and_clears_the_site_data()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await host.SignInAsync(page);
        var ended = page.WaitForResponseAsync(r => r.Url.EndsWith("/kiosk/end", StringComparison.Ordinal));
        await page.ClickAsync("header button.finish");
        var response = await ended;
        Assert.Equal("\"cache\", \"cookies\", \"storage\"", await response.HeaderValueAsync("clear-site-data"));
        await page.WaitForURLAsync("**/kiosk", new PageWaitForURLOptions { Timeout = 10_000 });
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == ".Employment.Kiosk");
        await page.GotoAsync("/kiosk/me");
        Assert.EndsWith("/kiosk/signin", page.Url);
    }

    [Fact]
    public async Task After_90_seconds_idle_with_a_warning_and_sound_the_screen_resets_and_nothing_personal_remains()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await context.Clock.InstallAsync();
        await host.SignInAsync(page);
        // Browse a little while signed in, so the back-history holds several pages of the session.
        var positionHref = await page.Locator("li.recommendation a.card").First.GetAttributeAsync("href");
        await page.GotoAsync(positionHref!);
        await page.GotoAsync("/kiosk/me");
        await page.EvaluateAsync("() => { localStorage.setItem('probe', 'x'); sessionStorage.setItem('probe', 'y'); }");
        Assert.Contains(host.MaskedName, await Pages.TraceAsync(page));

        // The countdown is visible from the start.
        await Assertions.Expect(page.Locator("[data-countdown-box]")).ToBeVisibleAsync();
        await page.Clock.RunForAsync(60_000);
        await Assertions.Expect(page.Locator("#idle-warning")).ToBeHiddenAsync();
        await page.Clock.RunForAsync(6_000);
        // 24 seconds left: warned, seen and heard, with at least 20 seconds to answer.
        await Assertions.Expect(page.Locator("#idle-warning")).ToBeVisibleAsync();
        Assert.True(int.Parse(await page.InnerTextAsync("[data-warning-seconds]")) >= 20);
        Assert.Equal("1", await page.GetAttributeAsync("body", "data-beeped"));

        // One touch continues.
        await page.ClickAsync("[data-continue]");
        await Assertions.Expect(page.Locator("#idle-warning")).ToBeHiddenAsync();
        await page.Clock.RunForAsync(80_000);
        Assert.EndsWith("/kiosk/me", page.Url);

        // Then nobody touches it. The end page passes quickly on a loaded machine, so the visit is
        // recorded as it happens rather than caught while it lasts.
        var visited = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) visited.Enqueue(frame.Url); };
        await page.Clock.RunForAsync(11_000);
        for (var i = 0; i < 100 && !visited.Any(u => u.EndsWith("/kiosk/end", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
        }
        Assert.Contains(visited, u => u.EndsWith("/kiosk/end", StringComparison.Ordinal));
        await page.Clock.RunForAsync(3_000);
        await page.WaitForURLAsync("**/kiosk");

        var trace = await Pages.TraceAsync(page);
        Assert.DoesNotContain(host.MaskedName, trace);
        Assert.DoesNotContain(host.PersonName, trace);
        Assert.DoesNotContain(host.Card, trace);
        Assert.DoesNotContain("probe", trace);
        Assert.DoesNotContain(".Employment.Kiosk", trace);

        // Back through the whole history: no page of the session shows anything of the person.
        for (var i = 0; i < 6; i++)
        {
            var back = await page.GoBackAsync();
            if (back is null)
            {
                break;
            }
            var seen = await Pages.TraceAsync(page);
            Assert.DoesNotContain(host.MaskedName, seen);
            Assert.DoesNotContain(host.PersonName, seen);
            Assert.DoesNotContain(host.Pin, seen);
            Assert.DoesNotContain("li class=\"recommendation\"", seen);
        }
    }
}
