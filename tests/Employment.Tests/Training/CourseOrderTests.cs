using System.Net;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Employment.Core.Training;
using Employment.Tests.Counselor;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Training;

/// <summary>
/// Order-based training (订单培训) from the employer's side, through HTTP on the demo district: the
/// employer asks for a course for its own open positions, a counselor reviews it in the posting
/// queue, the approved course is in the catalog, and completing it refers the trainee to those positions.
/// </summary>
[BothStores]
public sealed class CourseOrderTests(CounselorHost host) : IClassFixture<CounselorHost>
{
    private DateOnly Today => host.Services.GetRequiredService<TimeProvider>().Today();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_employer_orders_a_course_a_reviewer_approves_it_and_completing_it_refers_the_trainee_to_the_employers_positions()
    {
        var person = await host.TakeAsync(host.StreetA, (p, _) => p.Needs.Count == 0);
        var (employerId, positionId) = await ListedPositionAsync(person.Id, except: null);
        var skill = UnheldSkill(person);
        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: employerId);

        var form = await CounselorHost.HtmlAsync(await employer.GetAsync("/Employer/Courses"));
        Assert.Contains($"value=\"{positionId}\"", form);

        var title = "订单培训 " + Guid.NewGuid().ToString("N")[..6];
        var sent = await employer.PostFormAsync("/Employer/Courses", new()
        {
            ["Input.Title"] = title, ["Input.Positions"] = positionId, ["Input.Skills"] = skill, ["Input.Level"] = "2",
            ["Input.Seats"] = "8", ["Input.WishedStart"] = Day(Today.AddDays(10)), ["Input.WishedEnd"] = Day(Today.AddDays(40)),
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var order = await host.WithDbAsync(db => db.Courses.AsNoTracking().SingleAsync(c => c.Title == title));
        Assert.Equal((CourseStatus.InReview, employerId, positionId), (order.Status, order.RequestedBy, Assert.Single(order.ForPositions)));
        Assert.Contains("审核中", await CounselorHost.HtmlAsync(await employer.GetAsync("/Employer/Courses")));

        // In review it is nobody's course yet: not in the catalog.
        var counselor = await host.CounselorOfAsync(host.StreetA);
        Assert.DoesNotContain(title, await CounselorHost.HtmlAsync(await counselor.GetAsync("/Training?all=true")));

        // The review queue lists it beside the postings; an approval without a provider is refused, naming the field.
        Assert.Contains(title, await CounselorHost.HtmlAsync(await counselor.GetAsync("/Counselor/Review")));
        var reviewPage = $"/Counselor/Review/Course/{order.Id}";
        var refused = await counselor.PostFormAsync($"{reviewPage}?handler=Approve", new()
        {
            ["Version"] = order.Version.ToString(), ["Provider"] = "", ["StartDate"] = Day(Today.AddDays(14)), ["EndDate"] = Day(Today.AddDays(44)), ["Remote"] = "true",
        }, reviewPage);
        Assert.Contains("培训机构：此项必填。", await CounselorHost.HtmlAsync(refused));
        var approved = await counselor.PostFormAsync($"{reviewPage}?handler=Approve", new()
        {
            ["Version"] = order.Version.ToString(), ["Provider"] = "锦江区职业技能培训中心", ["StartDate"] = Day(Today.AddDays(14)),
            ["EndDate"] = Day(Today.AddDays(44)), ["HoursPerWeek"] = "10", ["Remote"] = "true", ["Subsidized"] = "true",
        }, reviewPage);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var course = await host.WithDbAsync(db => db.Courses.AsNoTracking().SingleAsync(c => c.Id == order.Id));
        Assert.Equal((CourseStatus.Open, "锦江区职业技能培训中心", Today.AddDays(14)), (course.Status, course.Provider, course.StartDate));
        Assert.Contains("已通过", await CounselorHost.HtmlAsync(await employer.GetAsync("/Employer/Courses")));

        // In the catalog, found by its title, and offered on the person's page.
        Assert.Contains(title, await CounselorHost.HtmlAsync(await counselor.GetAsync("/Training?q=" + Uri.EscapeDataString(title))));
        Assert.DoesNotContain(title, await CounselorHost.HtmlAsync(await counselor.GetAsync("/Training?q=" + Uri.EscapeDataString("没有这样的课程"))));

        // Enrol, complete: the trainee is referred to the employer's position at once.
        var personPage = $"/Counselor/Person/{person.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await counselor.PostFormAsync($"/Training/Course/{course.Id}?handler=Enrol", new() { ["PersonId"] = person.Id }, personPage)).StatusCode);
        var enrolment = await host.WithDbAsync(db => db.CourseEnrollments.Where(e => e.PersonId == person.Id && e.CourseId == course.Id).Select(e => e.Id).SingleAsync());
        var coursePage = $"/Training/Course/{course.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await counselor.PostFormAsync($"{coursePage}?handler=Complete", new() { ["EnrollmentId"] = enrolment.ToString(System.Globalization.CultureInfo.InvariantCulture) }, coursePage)).StatusCode);
        var referral = await host.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.PersonId == person.Id && r.PositionId == positionId));
        Assert.Equal(ReferralStatus.Sent, referral.Status);
    }

    [Fact]
    public async Task An_employer_cannot_order_for_another_employers_positions_nor_with_bad_input_and_a_rejection_reason_reaches_it()
    {
        var (employerId, mine) = await ListedPositionAsync(null, except: null);
        var (_, theirs) = await ListedPositionAsync(null, except: employerId);
        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: employerId);
        var courses = await host.WithDbAsync(db => db.Courses.CountAsync());
        var skill = Core.Taxonomy.Taxonomy.Embedded.Skills[0].Code;
        Dictionary<string, string> Order(string positions, string? title = "为他人岗位申请", string? skills = null, string seats = "5", DateOnly? start = null) => new()
        {
            ["Input.Title"] = title ?? "", ["Input.Positions"] = positions, ["Input.Skills"] = skills ?? skill, ["Input.Level"] = "1",
            ["Input.Seats"] = seats, ["Input.WishedStart"] = Day(start ?? Today.AddDays(10)), ["Input.WishedEnd"] = Day(Today.AddDays(40)),
        };

        var foreign = await CounselorHost.HtmlAsync(await employer.PostFormAsync("/Employer/Courses", Order(theirs)));
        Assert.Contains($"对应岗位：岗位 {theirs} 不是本单位的岗位。", foreign);
        Assert.Contains("名额：取值须在 1 到 10000 之间。", await CounselorHost.HtmlAsync(await employer.PostFormAsync("/Employer/Courses", Order(mine, seats: "0"))));
        Assert.Contains("要培训的技能：“no.such” 不是技能目录中的技能。", await CounselorHost.HtmlAsync(await employer.PostFormAsync("/Employer/Courses", Order(mine, skills: "no.such"))));
        Assert.Contains("开班日期：日期过早。", await CounselorHost.HtmlAsync(await employer.PostFormAsync("/Employer/Courses", Order(mine, start: Today.AddDays(-1)))));
        Assert.Contains("课程名称：内容过长。", await CounselorHost.HtmlAsync(await employer.PostFormAsync("/Employer/Courses", Order(mine, title: new string('课', 201)))));
        Assert.Equal(courses, await host.WithDbAsync(db => db.Courses.CountAsync()));

        // A proper order, rejected with a reason the employer reads on its page.
        var title = "退回测试 " + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Redirect, (await employer.PostFormAsync("/Employer/Courses", Order(mine, title: title))).StatusCode);
        var order = await host.WithDbAsync(db => db.Courses.AsNoTracking().SingleAsync(c => c.Title == title));
        var counselor = await host.CounselorOfAsync(host.StreetA);
        var reviewPage = $"/Counselor/Review/Course/{order.Id}";
        Assert.Contains("退回原因：此项必填。", await CounselorHost.HtmlAsync(await counselor.PostFormAsync($"{reviewPage}?handler=Reject", new() { ["Version"] = order.Version.ToString(), ["Reason"] = " " }, reviewPage)));
        Assert.Equal(HttpStatusCode.Redirect, (await counselor.PostFormAsync($"{reviewPage}?handler=Reject", new() { ["Version"] = order.Version.ToString(), ["Reason"] = "本期培训机构名额已满，请下季度再申请" }, reviewPage)).StatusCode);
        Assert.Equal(CourseStatus.Rejected, (await host.WithDbAsync(db => db.Courses.AsNoTracking().SingleAsync(c => c.Id == order.Id))).Status);
        var page = await CounselorHost.HtmlAsync(await employer.GetAsync("/Employer/Courses"));
        Assert.Contains("本期培训机构名额已满，请下季度再申请", page);
        Assert.Contains("已退回", page);

        // Another employer sees nothing of it, and an employer cannot reach the review page.
        var other = await host.SignedInAsAsync(Roles.Employer, employerId: (await ListedPositionAsync(null, except: employerId)).EmployerId);
        Assert.DoesNotContain(title, await CounselorHost.HtmlAsync(await other.GetAsync("/Employer/Courses")));
        Assert.NotEqual(HttpStatusCode.OK, (await employer.GetAsync(reviewPage)).StatusCode);
    }

    /// <summary>A position listed today (and, given a person, one the person was never referred to), of an approved employer.</summary>
    private async Task<(string EmployerId, string PositionId)> ListedPositionAsync(string? personId, string? except) =>
        await host.WithDbAsync(async db =>
        {
            var listed = await db.Positions.AsNoTracking().ListedOn(Today)
                .Where(p => p.Filled + 2 < p.Headcount && (except == null || p.EmployerId != except)
                    && (personId == null || !db.Referrals.Any(r => r.PersonId == personId && r.PositionId == p.Id)))
                .OrderBy(p => p.Id).Select(p => new { p.EmployerId, p.Id }).FirstAsync();
            return (listed.EmployerId, listed.Id);
        });

    private static string UnheldSkill(Core.Households.Person person) =>
        Core.Taxonomy.Taxonomy.Embedded.Skills.Select(s => s.Code).First(code => person.Skills.All(s => s.Code != code));
}
