namespace Employment.Kiosk.Tests;

/// <summary>
/// The main pages in both orientations of the kiosk's screen. The pictures go to the folder in
/// KIOSK_SCREENSHOTS (docs/screenshots for the README) or a temp folder; either way each page
/// must fit the width of the screen.
/// </summary>
[Collection(KioskCollection.Name)]
public sealed class ScreenshotTests(KioskHost host)
{
    [Theory]
    [InlineData(1080, 1920, "portrait")]
    [InlineData(1920, 1080, "landscape")]
    public async Task The_main_pages_fit_the_screen_in_both_orientations(int width, int height, string orientation)
    {
        var folder = Environment.GetEnvironmentVariable("KIOSK_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "kiosk-screenshots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (context, page) = await host.NewPageAsync(width, height);
        await using var _ = context;

        var position = "";
        var shots = new List<(string Name, string Path)>
        {
            ("home", "/kiosk"),
            ("list", "/kiosk/positions?group=cleaning&street=510104018&sort=distance"),
            ("position", ""),
            ("signin", "/kiosk/signin"),
        };
        foreach (var (name, path) in shots)
        {
            if (name == "position")
            {
                await page.GotoAsync("/kiosk/positions?group=cleaning&street=510104018&sort=distance");
                position = (await page.Locator("a.card").First.GetAttributeAsync("href"))!;
            }
            await page.GotoAsync(name == "position" ? position : path);
            await SaveAsync(page, folder, $"kiosk-{name}-{orientation}.png", width);
        }
        await host.SignInAsync(page);
        await SaveAsync(page, folder, $"kiosk-me-{orientation}.png", width);
        await page.GotoAsync("/kiosk/display?toggle=large&returnUrl=%2Fkiosk");
        await page.GotoAsync("/kiosk/display?toggle=contrast&returnUrl=%2Fkiosk");
        await SaveAsync(page, folder, $"kiosk-home-large-contrast-{orientation}.png", width);
    }

    private static async Task SaveAsync(Microsoft.Playwright.IPage page, string folder, string file, int width)
    {
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), file + " scrolls sideways");
        var bytes = await page.ScreenshotAsync(new Microsoft.Playwright.PageScreenshotOptions { Path = Path.Combine(folder, file) });
        Assert.True(bytes.Length > 10_000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', file);
        Assert.Equal(width, await page.EvaluateAsync<int>("() => window.innerWidth"));
    }
}
