using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Employment.Kiosk.Tests;

/// <summary>Anonymous browsing in a real chromium: choices, results, a position and its QR code.</summary>
[Collection(KioskCollection.Name)]
public sealed partial class BrowseTests(KioskHost host)
{
    [GeneratedRegex(@"[\d,]+")]
    private static partial Regex Number();

    [Fact]
    public async Task Browse_from_home_to_a_position_and_take_it_along_as_a_QR_code()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk");

        var tile = page.Locator("a.tile[href='/kiosk/positions?group=cleaning']");
        var tileCount = int.Parse(Number().Match(await tile.Locator(".count").InnerTextAsync()).Value, CultureInfo.InvariantCulture);
        Assert.True(tileCount > 0);
        await tile.ClickAsync();
        await page.WaitForURLAsync("**/kiosk/positions?group=cleaning");
        var found = int.Parse(Number().Match(await page.Locator("p.lead").InnerTextAsync()).Value, CultureInfo.InvariantCulture);
        Assert.Equal(tileCount, found);

        var first = page.Locator("a.card").First;
        var title = (await first.Locator(".title").InnerTextAsync()).Trim();
        await first.ClickAsync();
        await page.WaitForURLAsync("**/kiosk/positions/*");
        Assert.Equal(title, (await page.Locator("h1").InnerTextAsync()).Trim());

        var qr = page.Locator("img.qr");
        await Assertions.Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"));
        var response = await page.APIRequest.GetAsync(await qr.GetAttributeAsync("src") ?? "");
        Assert.Equal(200, response.Status);
        Assert.StartsWith("image/svg+xml", response.Headers["content-type"]);
        Assert.Contains("<svg", await response.TextAsync());

        // The printout keeps the position and its QR code and drops the screen's controls.
        await Assertions.Expect(page.Locator("[data-print]")).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.Locator("header.bar")).ToBeHiddenAsync();
        await Assertions.Expect(qr).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();

        // Back to the list keeps the choice.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.ClickAsync("text=返回列表");
        await page.WaitForURLAsync("**/kiosk/positions?group=cleaning");
    }

    [Fact]
    public async Task Near_me_sorts_by_distance_then_by_pay_and_pages_with_big_controls()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk/streets");
        await page.ClickAsync("a.tile:has-text('东湖街道')");
        await page.WaitForURLAsync("**/kiosk/positions?near=1&street=510104018&sort=distance");

        var distances = await CardNumbersAsync(page, "use[href$='#pin']");
        Assert.NotEmpty(distances);
        Assert.Equal(distances.Order().ToList(), distances);
        Assert.All(distances, d => Assert.True(d <= 3.0));

        await page.ClickAsync("nav.sorts a:has-text('工资高')");
        await page.WaitForURLAsync("**sort=pay**");
        var wages = await CardNumbersAsync(page, "use[href$='#money']");
        Assert.Equal(wages.OrderDescending().ToList(), wages);

        await page.ClickAsync("a[rel=next]");
        await page.WaitForURLAsync("**page=2**");
        await Assertions.Expect(page.Locator(".page-of")).ToContainTextAsync("第 2 页");
        var nextWages = await CardNumbersAsync(page, "use[href$='#money']");
        Assert.True(nextWages.Max() <= wages.Min());
    }

    [Fact]
    public async Task The_search_box_takes_words_from_the_on_screen_keyboard()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk");
        await page.ClickAsync("#q");
        foreach (var key in "clean")
        {
            await page.ClickAsync($"[data-osk] [data-key='{key}']");
        }
        Assert.Equal("clean", await page.InputValueAsync("#q"));
        await page.ClickAsync("[data-osk] [data-key-back]");
        Assert.Equal("clea", await page.InputValueAsync("#q"));
        foreach (var key in "ning")
        {
            await page.ClickAsync($"[data-osk] [data-key='{key}']");
        }
        // "cleaning" names the taxonomy's cleaning skill: the job bank finds Chinese postings by it.
        await page.ClickAsync("form.search button[type=submit]:not([name])");
        await page.WaitForURLAsync("**q=cleaning**");
        Assert.True(await page.Locator("a.card").CountAsync() > 0);

        // A common-word key searches at once (it works without scripts too).
        await page.GotoAsync("/kiosk");
        await page.ClickAsync("button.word:has-text('保洁')");
        await page.WaitForURLAsync("**q=%E4%BF%9D%E6%B4%81**");
        Assert.True(await page.Locator("a.card").CountAsync() > 0, page.Url + " " + await page.InnerTextAsync("main"));
    }

    [Fact]
    public async Task The_language_switch_is_one_touch_each_way()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk/positions?group=cleaning");
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));

        await page.ClickAsync("header a[lang=en]");
        await page.WaitForURLAsync("**/kiosk/positions?group=cleaning");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Cleaning", await page.InnerTextAsync("h1"));
        Assert.Contains("CNY a month", await page.InnerTextAsync("main"));

        await page.ClickAsync("header a[lang=zh-CN]");
        await page.WaitForURLAsync("**/kiosk/positions?group=cleaning");
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("保洁", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task Browsing_works_with_scripts_off()
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl, JavaScriptEnabled = false });
        await using var _ = context;
        var page = await context.NewPageAsync();
        await page.GotoAsync("/kiosk");
        await page.ClickAsync("button.word:has-text('保洁')");
        await page.WaitForURLAsync("**q=**");
        await page.Locator("a.card").First.ClickAsync();
        await page.WaitForURLAsync("**/kiosk/positions/*");
        await Assertions.Expect(page.Locator("img.qr")).ToBeVisibleAsync();
        // The keyboard, the countdown and read-aloud need scripts: without them they are not offered.
        await page.GotoAsync("/kiosk");
        await Assertions.Expect(page.Locator("[data-osk]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-read]")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_home_page_weighs_at_most_200_KB_and_loads_nothing_from_outside()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        var urls = new List<string>();
        page.Request += (_, request) => urls.Add(request.Url);
        await page.GotoAsync("/kiosk", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        var bytes = await page.EvaluateAsync<double>(@"() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
            .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0)");
        Assert.True(bytes > 1000, $"measured {bytes} bytes: the timing API reported nothing");
        Assert.True(bytes <= 200 * 1024, $"the kiosk home weighs {bytes / 1024:0.0} KB over the wire");
        Assert.NotEmpty(urls);
        Assert.All(urls, u => Assert.StartsWith(host.BaseUrl + "/", u));
    }

    private static async Task<List<double>> CardNumbersAsync(IPage page, string iconSelector)
    {
        var texts = await page.Locator($"a.card .fact:has({iconSelector})").AllInnerTextsAsync();
        return texts.Select(t => double.Parse(Regex.Match(t.Replace(",", ""), @"\d+(\.\d+)?").Value, CultureInfo.InvariantCulture)).ToList();
    }
}
