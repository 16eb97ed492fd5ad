using Employment.Core.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Employment.Kiosk.Tests;

/// <summary>/kiosk/courses in a real chromium: open courses near a street, anonymous; the person's own suggestions once signed in.</summary>
[Collection(KioskCollection.Name)]
public sealed class CourseTests(KioskHost host)
{
    [Fact]
    public async Task From_home_to_the_courses_near_a_street_with_nobodys_data()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk");
        await page.Locator("a.tile[href='/kiosk/courses']").ClickAsync();
        await page.WaitForURLAsync("**/kiosk/courses");
        var all = await page.Locator(".card.course").CountAsync();
        Assert.True(all > 0, "the demo district's open courses are listed");

        await page.Locator("a.tile[href='/kiosk/courses?street=510104018']").ClickAsync();
        await page.WaitForURLAsync("**/kiosk/courses?street=510104018");
        var near = await page.Locator(".card.course").CountAsync();
        Assert.InRange(near, 1, all);
        // Only open courses: none of the listed ones is full or started (the rule's own home decides).
        var ids = await page.Locator(".card.course").EvaluateAllAsync<string[]>("cards => cards.map(c => c.id.substring(7))");
        var today = Employment.Core.Domain.DistrictClock.Today(host.Services.GetRequiredService<TimeProvider>());
        var courses = await host.WithDbAsync(db => db.Courses.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync());
        Assert.Equal(ids.Length, courses.Count);
        Assert.All(courses, c => Assert.True(CourseRules.Open(c.ToProfile(), today), c.Id));
        // Nothing of any person: not the signed-in one's name, nor any enrolled person's.
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain(host.PersonName, text);
        Assert.Empty(await Pages.AxeAsync(page));
    }

    [Fact]
    public async Task Signed_in_the_person_sees_courses_suggested_for_them_with_what_each_opens()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await host.SignInAsync(page);

        await page.GotoAsync("/kiosk/courses");

        var suggested = page.Locator("section[aria-labelledby='suggested-h'] .card.course");
        Assert.True(await suggested.CountAsync() > 0, "the engine suggests a course for the demo person");
        Assert.Matches(@"学完(可应聘 \d+ 个岗位|暂无新增岗位)", await suggested.First.InnerTextAsync());
        Assert.Empty(await Pages.AxeAsync(page));

        // "I'm interested" in the first suggestion: a lead for the counselor, confirmed on the screen, pressed once.
        var first = page.Locator("section[aria-labelledby='suggested-h'] li").First;
        var courseId = (await first.Locator(".card.course").GetAttributeAsync("id"))!["course-".Length..];
        var title = await first.Locator(".card.course .title").InnerTextAsync();
        await first.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/kiosk/courses?done=*");
        Assert.Contains(title, await page.Locator("p.ok[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        var again = page.Locator($"section[aria-labelledby='suggested-h'] li:has(#course-{courseId})");
        Assert.Equal(0, await again.Locator("form").CountAsync());
        Assert.Equal(1, await again.Locator("p.ok").CountAsync());
        var leads = await host.WithDbAsync(db => db.CourseLeads.AsNoTracking().Where(l => l.PersonId == host.PersonId).ToListAsync());
        var lead = Assert.Single(leads, l => l.CourseId == courseId);
        Assert.Equal(Employment.Core.Placement.LeadStatus.New, lead.Status);
        // The URL and the confirmation hold no personal data.
        Assert.DoesNotContain(host.PersonId, page.Url, StringComparison.Ordinal);
        Assert.Empty(await Pages.AxeAsync(page));
    }

    [Fact]
    public async Task A_word_pressed_on_the_courses_page_finds_open_courses_teaching_it_and_nothing_found_is_no_dead_end()
    {
        var (context, page) = await host.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/kiosk/courses");
        await page.Locator("form[role=search] button.word[value='电工']").ClickAsync();
        await page.WaitForURLAsync("**/kiosk/courses?q=*");
        var ids = await page.Locator(".card.course").EvaluateAllAsync<string[]>("cards => cards.map(c => c.id.substring(7))");
        Assert.NotEmpty(ids);
        // Found through the course index, and only courses open today by the rule's own home, each teaching the skill or naming it.
        var today = Employment.Core.Domain.DistrictClock.Today(host.Services.GetRequiredService<TimeProvider>());
        var courses = await host.WithDbAsync(db => db.Courses.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync());
        Assert.Equal(ids.Length, courses.Count);
        Assert.All(courses, c => Assert.True(CourseRules.Open(c.ToProfile(), today), c.Id));
        Assert.All(courses, c => Assert.True(c.Title.Contains("电工", StringComparison.Ordinal) || c.Skills.Any(s => s.Code == "trade.elec"), c.Id));
        Assert.Equal("电工", await page.Locator("input#q").InputValueAsync());
        Assert.Empty(await Pages.AxeAsync(page));
        Assert.Empty(await Pages.SmallTargetsAsync(page));

        // Words that find nothing: the other words and every open course are one touch away.
        await page.GotoAsync("/kiosk/courses?q=zzzzqqq");
        Assert.Equal(0, await page.Locator(".card.course").CountAsync());
        Assert.True(await page.Locator("section a.btn.word").CountAsync() > 0);
        await page.Locator("section a.btn.primary[href='/kiosk/courses']").ClickAsync();
        await page.WaitForURLAsync("**/kiosk/courses");
        Assert.True(await page.Locator(".card.course").CountAsync() > 0);
    }
}
