using Microsoft.Playwright;

namespace Employment.Kiosk.Tests;

/// <summary>
/// Typing Chinese without an input method: the keyboard's pinyin mode calls up job words that sound
/// as typed, and a near-miss is read as the word meant, with the page saying so.
/// </summary>
[Collection(KioskCollection.Name)]
public sealed class PinyinSearchTests(KioskHost host)
{
    /// <summary>Security titles of the demo district: what 保安 must land on.</summary>
    private static bool IsSecurity(string title) => title.Contains("保安") || title.Contains("门岗") || title.Contains("秩序维护");

    [Fact]
    public async Task Typing_baoan_in_pinyin_offers_保安_and_touching_it_lands_on_security_jobs()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk");
        await page.ClickAsync("#q");
        await page.ClickAsync("[data-osk] [data-osk-mode]");
        Assert.Equal("true", await page.GetAttributeAsync("[data-osk] [data-osk-mode]", "aria-pressed"));
        foreach (var key in "baoan")
        {
            await page.ClickAsync($"[data-osk] [data-key='{key}']");
        }
        // The letters went to the pinyin line, not into the search field.
        Assert.Equal("", await page.InputValueAsync("#q"));
        Assert.Equal("baoan", await page.InnerTextAsync("[data-osk-letters]"));
        var word = page.Locator("[data-osk-candidates] button", new PageLocatorOptions { HasTextString = "保安" }).First;
        await Assertions.Expect(word).ToBeVisibleAsync();

        // The candidates are kiosk buttons like the rest: 60 px targets, no axe violation.
        Assert.Empty(await Pages.SmallTargetsAsync(page));
        Assert.Empty(await Pages.AxeAsync(page));

        await word.ClickAsync();
        await page.WaitForURLAsync("**q=%E4%BF%9D%E5%AE%89**");
        var titles = await page.Locator("a.card .title").AllInnerTextsAsync();
        Assert.NotEmpty(titles);
        Assert.All(titles, t => Assert.True(IsSecurity(t), t + " is not a security job"));
    }

    [Fact]
    public async Task Backspace_takes_back_a_letter_and_initials_find_words_too()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk");
        await page.ClickAsync("#q");
        await page.ClickAsync("[data-osk] [data-osk-mode]");
        foreach (var key in "bjx")
        {
            await page.ClickAsync($"[data-osk] [data-key='{key}']");
        }
        await page.ClickAsync("[data-osk] [data-key-back]");
        Assert.Equal("bj", await page.InnerTextAsync("[data-osk-letters]"));
        await Assertions.Expect(page.Locator("[data-osk-candidates] button", new PageLocatorOptions { HasTextString = "保洁" }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_near_miss_says_what_it_searched_and_relevance_stays_a_choice_after_another_sort()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk/positions?q=" + Uri.EscapeDataString("报安"));
        Assert.Contains("您是不是要找：保安", await page.InnerTextAsync("main"));
        var titles = await page.Locator("a.card .title").AllInnerTextsAsync();
        Assert.NotEmpty(titles);
        Assert.All(titles, t => Assert.True(IsSecurity(t), t + " is not a security job"));

        await page.ClickAsync("nav.sorts a:has-text('工资高')");
        await page.WaitForURLAsync("**sort=pay**");
        var relevance = page.Locator("nav.sorts a:has-text('相关度')");
        await Assertions.Expect(relevance).ToBeVisibleAsync();
        await relevance.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("sort="));
        Assert.Equal("true", await page.GetAttributeAsync("nav.sorts a:has-text('相关度')", "aria-current"));
    }

    [Fact]
    public async Task A_search_that_finds_nothing_offers_the_common_words()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk/positions?q=zzzzqqq");
        await page.ClickAsync("main .words a:has-text('保洁')");
        await page.WaitForURLAsync("**q=%E4%BF%9D%E6%B4%81**");
        Assert.True(await page.Locator("a.card").CountAsync() > 0);
    }

    [Fact]
    public async Task Signed_in_the_results_are_relevant_first_then_nearest_to_home()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await host.SignInAsync(page);
        await page.GotoAsync("/kiosk/positions?q=" + Uri.EscapeDataString("保安"));
        Assert.Contains("距离从您家算起", await page.InnerTextAsync("main"));
        await Assertions.Expect(page.Locator("nav.sorts a:has-text('离得近')")).ToBeVisibleAsync();
        // Every security title scores alike here, so the order within them is by distance from home.
        var km = (await page.Locator("a.card").AllInnerTextsAsync())
            .Select(t => System.Text.RegularExpressions.Regex.Match(t, @"(\d+(\.\d+)?)\s*公里"))
            .Where(m => m.Success).Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(km);
        Assert.Equal(km.Order(), km);
    }
}
