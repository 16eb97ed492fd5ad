using Microsoft.Playwright;

namespace Employment.Kiosk.Tests;

/// <summary>
/// axe-core in the page (wcag22aa on, 7:1 contrast) on every kiosk page, both languages, normal
/// and large type, plus the kiosk's own rules: 60 × 60 targets, 24 px text, 1.3 line spacing.
/// </summary>
[Collection(KioskCollection.Name)]
public sealed class AccessibilityTests(KioskHost host)
{
    public static TheoryData<string, bool> Modes => new() { { "zh-CN", false }, { "en", false }, { "zh-CN", true }, { "en", true } };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Axe_finds_no_serious_or_critical_violation_on_any_kiosk_page(string language, bool large)
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await SetModeAsync(page, language, large);
        var position = await FirstPositionAsync(page);
        var problems = new List<string>();
        foreach (var path in Pages.Anonymous.Append(position))
        {
            await page.GotoAsync(path);
            await OpenKeyboardAsync(page);
            problems.AddRange((await Pages.AxeAsync(page)).Select(v => path + ": " + v));
        }
        // A failed sign-in, then the personal page and a position while signed in.
        await page.GotoAsync("/kiosk/signin");
        await page.FillAsync("#card", "12345678");
        await page.FillAsync("#pin", "135790");
        await page.ClickAsync("form.signin button[type=submit]");
        problems.AddRange((await Pages.AxeAsync(page)).Select(v => "signin error: " + v));
        await host.SignInAsync(page);
        problems.AddRange((await Pages.AxeAsync(page)).Select(v => "/kiosk/me: " + v));
        await page.GotoAsync(position);
        problems.AddRange((await Pages.AxeAsync(page)).Select(v => "signed in " + position + ": " + v));
        // The idle warning, shown.
        await page.EvaluateAsync("() => document.getElementById('idle-warning').hidden = false");
        problems.AddRange((await Pages.AxeAsync(page)).Select(v => "idle warning: " + v));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData(1080, 1920, false)]
    [InlineData(1920, 1080, false)]
    [InlineData(1080, 1920, true)]
    public async Task Every_button_link_and_input_is_at_least_60_by_60_and_text_is_large(int width, int height, bool large)
    {
        var (context, page) = await host.NewPageAsync(width, height);
        await using var _ = context;
        await SetModeAsync(page, "zh-CN", large);
        var position = await FirstPositionAsync(page);
        var problems = new List<string>();
        foreach (var path in Pages.Anonymous.Append(position))
        {
            await page.GotoAsync(path);
            await OpenKeyboardAsync(page);
            problems.AddRange((await Pages.SmallTargetsAsync(page)).Select(v => path + ": " + v));
            var fontSize = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).fontSize)");
            var lineHeight = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).lineHeight)");
            if (fontSize < 24 || lineHeight / fontSize < 1.3)
            {
                problems.Add($"{path}: body text {fontSize}px, line height {lineHeight}px");
            }
            var smallText = await page.EvaluateAsync<int>(@"() => [...document.querySelectorAll('main p, main li, main dd, main span, main a, main button, main label')]
                .filter(e => e.getClientRects().length && parseFloat(getComputedStyle(e).fontSize) < 21.5).length");
            if (smallText > 0)
            {
                problems.Add($"{path}: {smallText} elements with text under 22px");
            }
            if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"))
            {
                problems.Add($"{path}: scrolls sideways at {width}x{height}");
            }
        }
        await host.SignInAsync(page);
        problems.AddRange((await Pages.SmallTargetsAsync(page)).Select(v => "/kiosk/me: " + v));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Large_type_and_high_contrast_switch_on_and_off_with_one_touch_each()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk");
        var normal = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).fontSize)");
        await page.ClickAsync("header a[href*='toggle=large']");
        await page.WaitForURLAsync("**/kiosk");
        var larger = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).fontSize)");
        Assert.True(larger >= normal * 1.3, $"{normal}px → {larger}px");
        Assert.Equal("true", await page.GetAttributeAsync("header a[href*='toggle=large']", "aria-pressed"));

        await page.ClickAsync("header a[href*='toggle=contrast']");
        await page.WaitForURLAsync("**/kiosk");
        Assert.Equal("rgb(0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        Assert.Empty(await Pages.AxeAsync(page));

        await page.ClickAsync("header a[href*='toggle=contrast']");
        await page.ClickAsync("header a[href*='toggle=large']");
        await page.WaitForURLAsync("**/kiosk");
        Assert.Equal(normal, await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).fontSize)"));
    }

    [Fact]
    public async Task Everything_can_be_reached_and_used_with_the_keyboard()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        await page.Keyboard.PressAsync("Enter");
        // Tab on to the first kind-of-work tile and open it with Enter.
        for (var i = 0; i < 150; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("() => document.activeElement.matches('a.tile[href*=\"group=\"]')"))
            {
                break;
            }
        }
        var href = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')");
        Assert.Contains("group=", href);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**" + href);
    }

    [Fact]
    public async Task Read_aloud_is_offered_only_where_the_browser_has_a_voice()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk");
        var voices = await page.EvaluateAsync<int>("() => new Promise(r => setTimeout(() => r(speechSynthesis.getVoices().length), 300))");
        var visible = await page.Locator("[data-read]").IsVisibleAsync();
        if (voices == 0)
        {
            Assert.False(visible);
        }
        // With a voice (simulated the way a browser reports one), the button appears.
        await page.EvaluateAsync(@"() => {
            speechSynthesis.getVoices = () => [{ lang: 'zh-CN', name: 'test' }];
            speechSynthesis.dispatchEvent(new Event('voiceschanged'));
        }");
        await Assertions.Expect(page.Locator("[data-read]")).ToBeVisibleAsync();
    }

    /// <summary>The home screen's letter keyboard opens on a touch of the search box: check it open.</summary>
    private static async Task OpenKeyboardAsync(IPage page)
    {
        if (await page.Locator("#q").CountAsync() > 0)
        {
            await page.ClickAsync("#q");
            await Assertions.Expect(page.Locator("[data-osk]")).ToBeVisibleAsync();
        }
    }

    private static async Task SetModeAsync(IPage page, string language, bool large)
    {
        await page.GotoAsync($"/kiosk/language?culture={language}&returnUrl=%2Fkiosk");
        if (large)
        {
            await page.GotoAsync("/kiosk/display?toggle=large&returnUrl=%2Fkiosk");
        }
    }

    private static async Task<string> FirstPositionAsync(IPage page)
    {
        await page.GotoAsync("/kiosk/positions?group=cleaning&street=510104018&sort=distance");
        return (await page.Locator("a.card").First.GetAttributeAsync("href"))!;
    }
}
