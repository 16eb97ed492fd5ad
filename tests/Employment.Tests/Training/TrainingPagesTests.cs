using System.Net;
using System.Text.Json;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Matching;
using Employment.Core.Training;
using Employment.Tests.Counselor;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Training;

/// <summary>The counselor's training pages on the real host and the demo district: enrol, refusals naming the rule, completion.</summary>
[BothStores]
public sealed class TrainingPagesTests(CounselorHost host) : IClassFixture<CounselorHost>
{
    private DateOnly Today => host.Services.GetRequiredService<TimeProvider>().Today();

    [Fact]
    public async Task Enrolment_takes_a_seat_and_a_full_course_is_refused_naming_the_rule()
    {
        var first = await host.TakeAsync(host.StreetA, (p, _) => p.Needs.Count == 0);
        var second = await host.TakeAsync(host.StreetA, (p, _) => p.Needs.Count == 0);
        var course = await AddCourseAsync("C-SEAT", seats: 1, teaches: [new SkillLevel(UnheldSkill(first, second), 2)]);
        var client = await host.CounselorOfAsync(host.StreetA);

        var page = $"/Counselor/Person/{first.Id}";
        var enrolled = await client.PostFormAsync($"/Training/Course/{course.Id}?handler=Enrol", new() { ["PersonId"] = first.Id }, page);
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        var after = await CounselorHost.HtmlAsync(await client.GetAsync(page));
        Assert.Contains("已报名，名额已占用。", after);
        Assert.Contains($"id=\"enrolment-", after);

        var (seatsTaken, enrolments, ledger) = await host.WithDbAsync(async db => (
            (await db.Courses.SingleAsync(c => c.Id == course.Id)).Enrolled,
            await db.CourseEnrollments.CountAsync(e => e.CourseId == course.Id && e.PersonId == first.Id && e.Status == EnrollmentStatus.Enrolled),
            await db.LedgerEntries.CountAsync(l => l.PersonId == first.Id && l.Section == LedgerSection.AssistanceMeasures && l.Text.Contains(course.Title))));
        Assert.Equal((1, 1, 1), (seatsTaken, enrolments, ledger));

        // The second person: the one seat is gone, and the refusal says which rule.
        var secondPage = $"/Counselor/Person/{second.Id}";
        var refused = await client.PostFormAsync($"/Training/Course/{course.Id}?handler=Enrol", new() { ["PersonId"] = second.Id }, secondPage);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var refusal = await CounselorHost.HtmlAsync(await client.GetAsync(secondPage));
        Assert.Contains("无法报名：名额已满（共 1 个名额；课程规则 1）。", refusal);
        Assert.Equal(1, await host.WithDbAsync(async db => (await db.Courses.SingleAsync(c => c.Id == course.Id)).Enrolled));
        Assert.False(await host.WithDbAsync(db => db.CourseEnrollments.AnyAsync(e => e.PersonId == second.Id)));

        // A counselor of another street cannot enrol this street's people at all.
        var other = await host.CounselorOfAsync(host.StreetB);
        var foreign = await other.PostFormAsync($"/Training/Course/{course.Id}?handler=Enrol", new() { ["PersonId"] = second.Id }, $"/Training/Course/{course.Id}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task A_person_the_rules_exclude_is_refused_with_that_rule()
    {
        var person = await host.TakeAsync(host.StreetA, (p, _) => p.Needs.Count == 0 && p.Age < 60);
        var course = await AddCourseAsync("C-AGE", seats: 10, teaches: [new SkillLevel(UnheldSkill(person), 1)], minAge: 61);
        var client = await host.CounselorOfAsync(host.StreetA);
        var page = $"/Counselor/Person/{person.Id}";

        await client.PostFormAsync($"/Training/Course/{course.Id}?handler=Enrol", new() { ["PersonId"] = person.Id }, page);

        Assert.Contains("无法报名：年龄或学历不符合课程要求（课程规则 5）。", await CounselorHost.HtmlAsync(await client.GetAsync(page)));
        Assert.Equal(0, await host.WithDbAsync(async db => (await db.Courses.SingleAsync(c => c.Id == course.Id)).Enrolled));
    }

    [Fact]
    public async Task Completion_adds_the_skills_changes_the_matches_at_once_and_an_order_based_course_refers()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        Person? person = null;
        string? positionId = null;
        IReadOnlyList<string> missing = [];
        JsonElement before = default;
        // A person with a match that lacks a required skill: the course will teach exactly that.
        for (var tries = 0; tries < 10 && positionId is null; tries++)
        {
            person = await host.TakeAsync(host.StreetA, (p, _) => p.Needs.Count == 0);
            var held = person.Skills;
            foreach (var match in await MatchesAsync(client, person.Id))
            {
                var id = match.GetProperty("positionId").GetString()!;
                var required = (await host.PositionAsync(id)).RequiredSkills;
                var lacking = CourseRules.Missing(held, required);
                if (lacking.Count > 0)
                {
                    (positionId, missing, before) = (id, lacking, match);
                    break;
                }
            }
        }
        Assert.NotNull(positionId);
        var course = await AddCourseAsync("C-DONE", seats: 5, teaches: [.. missing.Select(c => new SkillLevel(c, 2))], forPositions: [positionId!]);
        var page = $"/Counselor/Person/{person!.Id}";
        var html = await CounselorHost.HtmlAsync(await client.GetAsync(page));
        // The course says what it opens: that position is among them.
        var block = html[html.IndexOf($"id=\"course-{course.Id}\"", StringComparison.Ordinal)..];
        Assert.Contains((await host.PositionAsync(positionId!)).Title, block[..block.IndexOf("</li>", block.IndexOf("class=\"unlocks\"", StringComparison.Ordinal), StringComparison.Ordinal)]);

        await client.PostFormAsync($"/Training/Course/{course.Id}?handler=Enrol", new() { ["PersonId"] = person.Id }, page);
        var enrolmentId = await host.WithDbAsync(db => db.CourseEnrollments.Where(e => e.PersonId == person.Id && e.CourseId == course.Id).Select(e => e.Id).SingleAsync());
        var coursePage = $"/Training/Course/{course.Id}";
        Assert.Contains(person.Name, await CounselorHost.HtmlAsync(await client.GetAsync(coursePage)));
        var completed = await client.PostFormAsync($"{coursePage}?handler=Complete", new() { ["EnrollmentId"] = enrolmentId.ToString() }, coursePage);
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);

        var (skills, status, referred) = await host.WithDbAsync(async db => (
            (await db.Persons.AsNoTracking().SingleAsync(p => p.Id == person.Id)).Skills,
            (await db.CourseEnrollments.SingleAsync(e => e.Id == enrolmentId)).Status,
            await db.Referrals.AnyAsync(r => r.PersonId == person.Id && r.PositionId == positionId)));
        Assert.Equal(EnrollmentStatus.Completed, status);
        Assert.All(missing, code => Assert.Contains(skills, s => s.Code == code && s.Level == 2));
        Assert.True(referred, "completing an order-based course refers the person to its positions");

        // The matches change at once: the position no longer lacks a skill, and ranks higher for it.
        var after = (await MatchesAsync(client, person.Id)).Single(m => m.GetProperty("positionId").GetString() == positionId);
        Assert.Contains(Reasons(before), r => r.StartsWith("缺少", StringComparison.Ordinal));
        Assert.DoesNotContain(Reasons(after), r => r.StartsWith("缺少", StringComparison.Ordinal));
        Assert.True(after.GetProperty("score").GetDouble() > before.GetProperty("score").GetDouble());
        Assert.Contains("已结业", await CounselorHost.HtmlAsync(await client.GetAsync(coursePage)));
    }

    [Fact]
    public async Task Drop_out_frees_the_seat_and_the_catalog_lists_the_course()
    {
        var person = await host.TakeAsync(host.StreetA, (p, _) => p.Needs.Count == 0);
        var course = await AddCourseAsync("C-DROP", seats: 3, teaches: [new SkillLevel(UnheldSkill(person), 1)]);
        var client = await host.CounselorOfAsync(host.StreetA);
        var page = $"/Counselor/Person/{person.Id}";
        await client.PostFormAsync($"/Training/Course/{course.Id}?handler=Enrol", new() { ["PersonId"] = person.Id }, page);
        var enrolmentId = await host.WithDbAsync(db => db.CourseEnrollments.Where(e => e.PersonId == person.Id).Select(e => e.Id).SingleAsync());

        await client.PostFormAsync($"/Training/Course/{course.Id}?handler=DropOut", new() { ["EnrollmentId"] = enrolmentId.ToString(), ["Note"] = "搬家", ["ReturnTo"] = "person" }, page);

        Assert.Equal((0, EnrollmentStatus.DroppedOut), await host.WithDbAsync(async db => (
            (await db.Courses.SingleAsync(c => c.Id == course.Id)).Enrolled, (await db.CourseEnrollments.SingleAsync(e => e.Id == enrolmentId)).Status)));
        Assert.Contains("已退出培训，名额已释放。", await CounselorHost.HtmlAsync(await client.GetAsync(page)));
        var catalog = await client.GetAsync("/Training");
        Assert.True(catalog.StatusCode == HttpStatusCode.OK, await catalog.Content.ReadAsStringAsync());
        Assert.Contains(course.Title, await CounselorHost.HtmlAsync(catalog));
        // Closed enrolments are not closed twice.
        await client.PostFormAsync($"/Training/Course/{course.Id}?handler=Complete", new() { ["EnrollmentId"] = enrolmentId.ToString() }, $"/Training/Course/{course.Id}");
        Assert.Contains("该报名已结业或已退出。", await CounselorHost.HtmlAsync(await client.GetAsync($"/Training/Course/{course.Id}")));
    }

    [Fact]
    public async Task Interest_in_a_course_pressed_at_a_kiosk_reaches_the_area_counselors_caseload_and_enrolling_closes_it()
    {
        var person = await host.TakeAsync(host.StreetA, (p, _) => p.Needs.Count == 0);
        var course = await AddCourseAsync("C-LEAD", seats: 5, teaches: [new SkillLevel(UnheldSkill(person), 2)]);
        using (var scope = host.Services.CreateScope())
        {
            var kiosk = scope.ServiceProvider.GetRequiredService<Core.Kiosk.KioskCourses>();
            Assert.True(await kiosk.InterestedAsync(person.Id, course.Id, default));
            // Pressed twice while new: one lead.
            Assert.True(await kiosk.InterestedAsync(person.Id, course.Id, default));
            Assert.False(await kiosk.InterestedAsync(person.Id, "C-NOSUCH", default));
        }
        var lead = await host.WithDbAsync(db => db.CourseLeads.AsNoTracking().SingleAsync(l => l.PersonId == person.Id));
        Assert.Equal(Core.Placement.LeadStatus.New, lead.Status);

        var client = await host.CounselorOfAsync(host.StreetA);
        var caseload = await CounselorHost.HtmlAsync(await client.GetAsync("/Counselor"));
        Assert.Contains($"data-course-lead=\"{lead.Id}\"", caseload, StringComparison.Ordinal);
        Assert.Contains(course.Title, caseload, StringComparison.Ordinal);
        // Another street's counselor does not see it, nor can mark it.
        var other = await host.CounselorOfAsync(host.StreetB);
        Assert.DoesNotContain($"data-course-lead=\"{lead.Id}\"", await CounselorHost.HtmlAsync(await other.GetAsync("/Counselor")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync("/Counselor?handler=CourseContacted", new() { ["courseLeadId"] = lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/Counselor")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Counselor?handler=CourseContacted", new() { ["courseLeadId"] = lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/Counselor")).StatusCode);
        Assert.Equal(Core.Placement.LeadStatus.Contacted, (await host.WithDbAsync(db => db.CourseLeads.AsNoTracking().SingleAsync(l => l.Id == lead.Id))).Status);
        // Enrolling the person on the course answers the lead.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Training/Course/{course.Id}?handler=Enrol", new() { ["PersonId"] = person.Id }, $"/Counselor/Person/{person.Id}")).StatusCode);
        Assert.Equal(Core.Placement.LeadStatus.Closed, (await host.WithDbAsync(db => db.CourseLeads.AsNoTracking().SingleAsync(l => l.Id == lead.Id))).Status);
        Assert.DoesNotContain($"data-course-lead=\"{lead.Id}\"", await CounselorHost.HtmlAsync(await client.GetAsync("/Counselor")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seat_taken_or_freed_on_the_course_page_reaches_the_catalog_search_and_the_kiosk_at_once()
    {
        // Street B: the other tests here take street A's people in their order.
        var person = await host.TakeAsync(host.StreetB, (p, _) => p.Needs.Count == 0);
        const string title = "西点裱花速成班";
        var course = await AddCourseAsync("C-SEARCH-SEAT", seats: 1, teaches: [new SkillLevel(UnheldSkill(person), 1)], title: title);
        var client = await host.CounselorOfAsync(host.StreetB);
        var kiosk = host.NewClient();
        // Saved by this host a moment ago: the search reads the index, which applies this host's saves before answering.
        Assert.Contains(title, await CounselorHost.HtmlAsync(await client.GetAsync("/Training?q=" + Uri.EscapeDataString("裱花"))));
        var open = await CounselorHost.HtmlAsync(await kiosk.GetAsync("/kiosk/courses?q=" + Uri.EscapeDataString("裱花")));
        Assert.Contains(title, open);
        Assert.Contains("余 1 个名额", open);

        var page = $"/Counselor/Person/{person.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Training/Course/{course.Id}?handler=Enrol", new() { ["PersonId"] = person.Id }, page)).StatusCode);
        // The last seat taken: out of the open results at once, still among all courses.
        Assert.DoesNotContain(title, await CounselorHost.HtmlAsync(await client.GetAsync("/Training?q=" + Uri.EscapeDataString("裱花"))));
        Assert.Contains(title, await CounselorHost.HtmlAsync(await client.GetAsync("/Training?all=true&q=" + Uri.EscapeDataString("裱花"))));
        Assert.DoesNotContain(title, await CounselorHost.HtmlAsync(await kiosk.GetAsync("/kiosk/courses?q=" + Uri.EscapeDataString("裱花"))));

        var enrolmentId = await host.WithDbAsync(db => db.CourseEnrollments.Where(e => e.PersonId == person.Id && e.CourseId == course.Id).Select(e => e.Id).SingleAsync());
        await client.PostFormAsync($"/Training/Course/{course.Id}?handler=DropOut", new() { ["EnrollmentId"] = enrolmentId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Note"] = "搬家", ["ReturnTo"] = "person" }, page);
        Assert.Contains(title, await CounselorHost.HtmlAsync(await kiosk.GetAsync("/kiosk/courses?q=" + Uri.EscapeDataString("裱花"))));
    }

    private async Task<Course> AddCourseAsync(string id, int seats, IReadOnlyList<SkillLevel> teaches, int? minAge = null, IReadOnlyList<string>? forPositions = null, string? title = null)
    {
        var course = new Course
        {
            Id = id,
            Title = title ?? "测试培训 " + id,
            Provider = "锦江区职业技能培训中心",
            Skills = [.. teaches],
            StartDate = Today.AddDays(7),
            EndDate = Today.AddDays(40),
            HoursPerWeek = 10,
            Seats = seats,
            Remote = true,
            Subsidized = true,
            MinAge = minAge,
            ForPositions = [.. forPositions ?? []],
        };
        await host.WithDbAsync(async db =>
        {
            db.Courses.Add(course);
            return await db.SaveChangesAsync();
        });
        return course;
    }

    private static string UnheldSkill(params Person[] persons) =>
        Core.Taxonomy.Taxonomy.Embedded.Skills.Select(s => s.Code).First(code => persons.All(p => p.Skills.All(s => s.Code != code)));

    private static async Task<List<JsonElement>> MatchesAsync(HttpClient client, string personId)
    {
        var response = await client.GetAsync($"/api/matches/person/{personId}?top=50");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static List<string> Reasons(JsonElement match) => match.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
}
