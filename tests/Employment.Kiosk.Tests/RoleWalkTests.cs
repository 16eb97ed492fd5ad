using Employment.Core.Accounts;
using Employment.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Employment.Kiosk.Tests;

/// <summary>
/// The four roles walked in a real browser on the demo district: a kiosk visitor, a counselor, an
/// employer and an admin, each signing in as they would. Every page visited passes axe (staff pages
/// at WCAG AA, the kiosk at its own 7:1), and each leaves a screenshot in the folder named by
/// KIOSK_SCREENSHOTS (docs/screenshots for the README) or a temp folder.
/// </summary>
[Collection(KioskCollection.Name)]
public sealed class RoleWalkTests(KioskHost host)
{
    [Fact]
    public async Task Kiosk_counselor_employer_and_admin_walk_their_pages_and_axe_finds_nothing_serious()
    {
        var folder = Environment.GetEnvironmentVariable("KIOSK_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "walk-screenshots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var problems = new List<string>();

        // Kiosk: home, a list, a position, signed in.
        var (kiosk, kioskPage) = await host.NewPageAsync(1080, 1920);
        await using (kiosk)
        {
            await VisitAsync(kioskPage, "/kiosk", "walk-kiosk-home", enhanced: true);
            await VisitAsync(kioskPage, "/kiosk/positions?group=cleaning", "walk-kiosk-list", enhanced: true);
            var position = (await kioskPage.Locator("a.card").First.GetAttributeAsync("href"))!;
            await VisitAsync(kioskPage, position, "walk-kiosk-position", enhanced: true);
            // Signed out, the position page says where to apply (the district's service desk).
            Assert.True(await kioskPage.Locator("#how-to-apply").IsVisibleAsync(), "the position page says where to apply");
            await host.SignInAsync(kioskPage);
            await CheckAsync(kioskPage, "walk-kiosk-me", enhanced: true);
            // "I'm interested": the kiosk says who will call (the counselor of the person's street, made below).
            await kioskPage.GotoAsync(position);
            await kioskPage.ClickAsync("form.interest button[type=submit]");
            await kioskPage.WaitForURLAsync("**/kiosk/me?done=*");
            Assert.Contains("会给您打电话", await kioskPage.InnerTextAsync("#interest-sent"));
            await CheckAsync(kioskPage, "walk-kiosk-interested", enhanced: true);
        }

        // Staff: each role signs in on the sign-in page and walks the pages of its day. The counselor
        // also covers the kiosk person's street, so the lead just made is theirs and their navigation counts it.
        var kioskStreet = await host.WithDbAsync(db => db.Persons.Where(p => p.Id == host.PersonId)
            .Select(p => (p.DivisionCode ?? p.Household!.DivisionCode)!.Substring(0, 9)).SingleAsync());
        await WalkAsync(Roles.Counselor, ["/Counselor", "/FollowUps", "/Fairs", "/Counselor/Review"], areas: ["510104023", kioskStreet],
            check: async page => Assert.True(await page.Locator("#nav-caseload .nav-count").IsVisibleAsync(), "the navigation counts new kiosk leads"));
        await WalkAsync(Roles.Employer, ["/Employer", "/Employer/Candidates", "/Employer/Edit"], employerId: "E-022",
            landing: "/Employer");
        await WalkAsync(Roles.Admin, ["/Admin", "/Admin/Schedules", "/Admin/Audit", "/Reports", "/screen"]);

        Assert.True(problems.Count == 0, string.Join("\n", problems));

        async Task WalkAsync(string role, string[] paths, string[]? areas = null, string? employerId = null, string landing = "/",
            Func<IPage, Task>? check = null)
        {
            var login = "walk-" + role + "-" + Guid.NewGuid().ToString("N")[..6];
            var password = "walk-" + Guid.NewGuid().ToString("N")[..16];
            using (var scope = host.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<UserAccounts>()
                    .CreateAsync(new NewAccount(login, role, password, login, areas, employerId));
            }
            var (context, page) = await host.NewPageAsync(1366, 900);
            await using (context)
            {
                await VisitAsync(page, "/Account/Login", $"walk-{role}-signin", enhanced: false);
                await page.FillAsync("#Input_Login", login);
                await page.FillAsync("#Input_Password", password);
                await page.ClickAsync("main form button[type=submit]");
                await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == landing);
                foreach (var path in paths)
                {
                    var name = $"walk-{role}-" + path.Trim('/').Replace('/', '-').ToLowerInvariant();
                    await VisitAsync(page, path, name, enhanced: false);
                    if (check is not null)
                    {
                        await check(page);
                    }
                }
            }
        }

        async Task VisitAsync(IPage page, string path, string name, bool enhanced)
        {
            var response = await page.GotoAsync(path);
            if (response is null || !response.Ok)
            {
                problems.Add($"{path}: HTTP {response?.Status}");
            }
            await CheckAsync(page, name, enhanced);
        }

        async Task CheckAsync(IPage page, string name, bool enhanced)
        {
            problems.AddRange((await Pages.AxeAsync(page, enhanced)).Select(v => $"{name} ({page.Url}): {v}"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
        }
    }
}
