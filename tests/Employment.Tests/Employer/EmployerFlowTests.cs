using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Matching;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Employment.Core.Search;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Employers;

/// <summary>The employer side and the review queue, through HTTP on the demo district.</summary>
[BothStores]
public sealed class EmployerFlowTests(EmployerFlowTests.Host host) : IClassFixture<EmployerFlowTests.Host>
{
    public sealed class Host : AppFactory;

    /// <summary>A private company of the demo district (not public sector).</summary>
    private const string Company = "E-022";
    private const string OtherCompany = "E-023";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_registered_employer_waits_for_approval_then_works()
    {
        var login = "firm-" + Guid.NewGuid().ToString("N")[..6];
        var client = host.NewClient();
        var name = "成都测试保洁有限公司" + login;
        var registered = await client.PostFormAsync("/Employer/Register", new()
        {
            ["Input.Name"] = name, ["Input.CreditCode"] = CreditCodeTests.NewValidCode(), ["Input.ContactName"] = "王经理", ["Input.ContactPhone"] = "028-8666 1234",
            ["Input.Address"] = "锦江区东大街1号", ["Input.Login"] = login, ["Input.Password"] = "a long enough phrase", ["Input.ConfirmPassword"] = "a long enough phrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var employer = await host.WithDbAsync(db => db.Employers.AsNoTracking().SingleAsync(e => e.Name == name));
        Assert.Equal(EmployerStatus.Pending, employer.Status);
        Assert.False(employer.PublicSector);

        // Signed in, but every employer page and the API lead to the waiting page.
        var account = new StaffAccount(login, "a long enough phrase", Roles.Employer);
        var pending = await host.SignInAsync(account);
        var positions = await pending.GetAsync("/Employer");
        Assert.Equal(HttpStatusCode.Redirect, positions.StatusCode);
        Assert.Equal("/Employer/Pending", positions.Headers.Location!.OriginalString);
        Assert.Contains("等待", await (await pending.GetAsync("/Employer/Pending")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await pending.GetAsync("/Employer/Edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pending.GetAsync("/api/employer/positions")).StatusCode);

        // A counselor sees it in the queue and approves it.
        var counselor = await host.SignedInAsAsync(Roles.Counselor, areas: ["510104023"]);
        Assert.Contains(name, await (await counselor.GetAsync("/Counselor/Review/Employers")).Content.ReadAsStringAsync());
        var approved = await counselor.PostFormAsync("/Counselor/Review/Employers?handler=Approve", new() { ["EmployerId"] = employer.Id },
            page: "/Counselor/Review/Employers");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var approvedEmployer = await host.WithDbAsync(db => db.Employers.AsNoTracking().SingleAsync(e => e.Id == employer.Id));
        Assert.Equal(EmployerStatus.Approved, approvedEmployer.Status);
        Assert.NotNull(approvedEmployer.VerifiedUtc);
        Assert.Equal("Approved", approvedEmployer.StatusLabel);

        // The same session now works: the status is read on every request.
        Assert.Equal(HttpStatusCode.OK, (await pending.GetAsync("/Employer")).StatusCode);
        var fresh = await host.SignInAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/employer/positions")).StatusCode);
    }

    [Fact]
    public async Task A_rejected_registration_shows_the_reason_and_a_bad_one_gets_field_errors_and_writes_nothing()
    {
        var client = host.NewClient();
        var employers = await host.WithDbAsync(db => db.Employers.CountAsync());
        var users = await host.WithDbAsync(db => db.Users.CountAsync());
        var bad = await client.PostFormAsync("/Employer/Register", new()
        {
            ["Input.Name"] = "", ["Input.CreditCode"] = "91350100M000100Y44", ["Input.ContactName"] = "王", ["Input.ContactPhone"] = "call me", ["Input.Address"] = "锦江区",
            ["Input.Login"] = "employer two", ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "other",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("此项必填", html);      // name
        Assert.Contains("格式不正确", html);     // phone, login
        Assert.Contains("密码至少 12 位", html);
        Assert.Contains("两次输入的密码不一致", html);
        Assert.Contains("校验位不符", html);      // credit code
        Assert.DoesNotContain("short", html);
        Assert.Equal(employers, await host.WithDbAsync(db => db.Employers.CountAsync()));
        Assert.Equal(users, await host.WithDbAsync(db => db.Users.CountAsync()));

        var login = "firm-" + Guid.NewGuid().ToString("N")[..6];
        await client.PostFormAsync("/Employer/Register", new()
        {
            ["Input.Name"] = "空壳公司" + login, ["Input.CreditCode"] = CreditCodeTests.NewValidCode(), ["Input.ContactName"] = "李", ["Input.ContactPhone"] = "13800000000",
            ["Input.Address"] = "锦江区", ["Input.Login"] = login, ["Input.Password"] = "another long phrase", ["Input.ConfirmPassword"] = "another long phrase",
        });
        var id = await host.WithDbAsync(db => db.Employers.Where(e => e.Name == "空壳公司" + login).Select(e => e.Id).SingleAsync());
        var admin = await host.SignedInAsAsync(Roles.Admin);
        var noReason = await admin.PostFormAsync("/Counselor/Review/Employers?handler=Reject", new() { ["EmployerId"] = id, ["Reason"] = " " },
            page: "/Counselor/Review/Employers");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(EmployerStatus.Pending, await host.WithDbAsync(db => db.Employers.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
        await admin.PostFormAsync("/Counselor/Review/Employers?handler=Reject", new() { ["EmployerId"] = id, ["Reason"] = "营业执照无法核实" },
            page: "/Counselor/Review/Employers");

        var employer = await host.SignInAsync(new StaffAccount(login, "another long phrase", Roles.Employer));
        var page = await (await employer.GetAsync("/Employer/Pending")).Content.ReadAsStringAsync();
        Assert.Contains("未通过审核", page);
        Assert.Contains("营业执照无法核实", page);
        // The reason is the employer's state, in its own column, not something read back from the audit log.
        Assert.Equal("营业执照无法核实", await host.WithDbAsync(db => db.Employers.Where(e => e.Id == id).Select(e => e.RejectionReason).SingleAsync()));
    }

    [Fact]
    public async Task A_posting_goes_live_only_after_a_counselor_approves_it()
    {
        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: Company);
        var saved = await employer.PostFieldsAsync("/Employer/Edit?handler=Submit", EmployerClient.PositionForm("小区保洁员（测试）"), page: "/Employer/Edit");
        var id = EmployerClient.SavedId(saved);

        var position = await host.WithDbAsync(db => db.Positions.AsNoTracking().Include(p => p.History).SingleAsync(p => p.Id == id));
        Assert.Equal(PositionStatus.InReview, position.Status);
        Assert.Equal(Company, position.EmployerId);
        Assert.Equal(["clean.basic"], position.RequiredSkills);
        Assert.Equal(["clean.machine"], position.PreferredSkills);
        Assert.Equal(["step_free_access", "flexible_hours"], position.Accommodations);
        Assert.Equal(["standing_long"], position.Demands);
        Assert.Equal(2600m, position.MonthlyWage);
        Assert.Equal(2, position.Headcount);
        Assert.Equal((18, 60), (position.MinAge!.Value, position.MaxAge!.Value));
        Assert.Equal(Core.Domain.Education.Primary, position.MinEducation);
        var street = await host.WithDbAsync(db => db.Divisions.SingleAsync(d => d.Code == "510104023"));
        Assert.Equal((street.Lat, street.Lon), (position.Lat, position.Lon));
        Assert.Equal(PositionStatus.InReview, Assert.Single(position.History).To);
        Assert.Equal(HttpStatusCode.NotFound, (await host.NewClient().GetAsync($"/api/positions/{id}")).StatusCode);

        // The employer's own API lists it, in review.
        var mine = await employer.GetFromJsonAsync<JsonElement>("/api/employer/positions?status=InReview&pageSize=100", Json);
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == id);

        var counselor = await host.SignedInAsAsync(Roles.Counselor, areas: ["510104023"]);
        Assert.Contains(id, await (await counselor.GetAsync("/Counselor/Review?sort=newest")).Content.ReadAsStringAsync());
        var review = await (await counselor.GetAsync($"/Counselor/Review/Position/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("小区保洁员（测试）", review);
        Assert.Contains("未发现歧视性措辞", review);
        var approve = await counselor.PostFormAsync($"/Counselor/Review/Position/{id}?handler=Approve",
            new() { ["Version"] = EmployerClient.Version(review) });
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);

        Assert.Equal(PositionStatus.Open, await host.WithDbAsync(db => db.Positions.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));
        var live = await host.NewClient().GetFromJsonAsync<JsonElement>($"/api/positions/{id}", Json);
        Assert.Equal("小区保洁员（测试）", live.GetProperty("title").GetString());
        Assert.Equal(2, live.GetProperty("openPlaces").GetInt32());

        // And in the job bank: a cleaner living at the street's centre is matched with it, without a restart.
        await host.WaitForIndexesAsync();
        var seeker = new SeekerProfile
        {
            Id = "S-probe", HouseholdId = "H-probe", Age = 40, Education = Core.Domain.Education.Senior, Skills = [new SkillLevel("clean.basic", 2)],
            Location = new GeoPoint(street.Lat!.Value, street.Lon!.Value), Household = new HouseholdFacts(null, 1, 0, true),
        };
        var found = Stopwatch.StartNew();
        while (true)
        {
            var lines = await host.WithDbAsync(db => ProfileLoader.LinesAsync(db, default));
            var matches = host.Services.GetRequiredService<MatchingEngine>()
                .PositionsFor(seeker, new MatchRequest { Top = 500, Lines = lines, AsOf = DateOnly.FromDateTime(DateTime.UtcNow) });
            if (matches.Any(m => m.Id == id))
            {
                break;
            }
            // Generous for a loaded machine: the save wakes the indexer, which normally takes well under a second.
            Assert.True(found.Elapsed < TimeSpan.FromSeconds(30), "the approved posting did not reach the job bank");
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task The_review_warns_of_a_posting_with_no_skills_and_no_end_date_and_not_of_a_complete_one()
    {
        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: Company);
        var bare = EmployerClient.PositionForm("小区绿化员（测试）");
        bare.RemoveAll(f => f.Key is "Input.RequiredSkills" or "Input.PreferredSkills" or "Input.ValidUntil");
        var bareId = EmployerClient.SavedId(await employer.PostFieldsAsync("/Employer/Edit?handler=Submit", bare, page: "/Employer/Edit"));
        var fullId = EmployerClient.SavedId(await employer.PostFieldsAsync("/Employer/Edit?handler=Submit",
            EmployerClient.PositionForm("小区保洁员（完整）"), page: "/Employer/Edit"));

        var counselor = await host.SignedInAsAsync(Roles.Counselor, areas: ["510104023"]);
        var bareReview = await (await counselor.GetAsync($"/Counselor/Review/Position/{bareId}")).Content.ReadAsStringAsync();
        var fullReview = await (await counselor.GetAsync($"/Counselor/Review/Position/{fullId}")).Content.ReadAsStringAsync();

        Assert.Contains("上线前请核实", bareReview);
        Assert.Contains("未填写任何技能要求", bareReview);
        Assert.Contains("未设有效期", bareReview);
        Assert.DoesNotContain("上线前请核实", fullReview);
    }

    [Fact]
    public async Task A_rejection_carries_its_reason_to_the_employer_and_a_resubmission_comes_back()
    {
        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: Company);
        var id = EmployerClient.SavedId(await employer.PostFieldsAsync("/Employer/Edit?handler=Submit",
            EmployerClient.PositionForm("保安（限男性）", overrides: ("Input.Description", "要求本地户口，身体健全，35岁以下。")), page: "/Employer/Edit"));

        var counselor = await host.SignedInAsAsync(Roles.Counselor, areas: ["510104023"]);
        var review = await (await counselor.GetAsync($"/Counselor/Review/Position/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("<mark>限男性</mark>", review);
        Assert.Contains("<mark>本地户口</mark>", review);
        Assert.Contains("<mark>身体健全</mark>", review);
        Assert.Contains("<mark>35岁以下</mark>", review);
        Assert.Contains(">4 处<", await (await counselor.GetAsync("/Counselor/Review?sort=newest&q=" + id)).Content.ReadAsStringAsync());

        // A reason is required; without one nothing changes.
        var noReason = await counselor.PostFormAsync($"/Counselor/Review/Position/{id}?handler=Reject",
            new() { ["Version"] = EmployerClient.Version(review), ["Reason"] = "" }, page: $"/Counselor/Review/Position/{id}");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        // Said once, under the reason: not again in a summary above the page.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(await noReason.Content.ReadAsStringAsync(), "此项必填"));
        Assert.Equal(PositionStatus.InReview, await host.WithDbAsync(db => db.Positions.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));

        var reject = await counselor.PostFormAsync($"/Counselor/Review/Position/{id}?handler=Reject",
            new() { ["Version"] = EmployerClient.Version(review), ["Reason"] = "请删去性别、户籍和年龄限制" }, page: $"/Counselor/Review/Position/{id}");
        Assert.Equal(HttpStatusCode.Redirect, reject.StatusCode);
        var history = await host.WithDbAsync(db => db.PositionHistory.Where(h => h.PositionId == id).OrderBy(h => h.Id).ToListAsync());
        Assert.Equal((PositionStatus.Rejected, "请删去性别、户籍和年龄限制"), (history[^1].To, history[^1].Note));

        Assert.Contains("请删去性别、户籍和年龄限制", await (await employer.GetAsync("/Employer?status=Rejected")).Content.ReadAsStringAsync());
        var edit = await (await employer.GetAsync($"/Employer/Edit/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("请删去性别、户籍和年龄限制", edit);

        var resubmitted = await employer.PostFieldsAsync($"/Employer/Edit/{id}?handler=Submit",
            EmployerClient.PositionForm("保安", overrides: [("Input.Description", "小区门岗值守。"), ("Input.Version", EmployerClient.Version(edit))]),
            page: $"/Employer/Edit/{id}");
        Assert.Equal(id, EmployerClient.SavedId(resubmitted));
        Assert.Equal(PositionStatus.InReview, await host.WithDbAsync(db => db.Positions.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_bad_form_post_gets_field_errors_and_changes_nothing()
    {
        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: Company);
        var before = await host.WithDbAsync(db => db.Positions.CountAsync(p => p.EmployerId == Company));
        var bad = await employer.PostFieldsAsync("/Employer/Edit?handler=Submit", EmployerClient.PositionForm("", street: null,
            ("Input.Headcount", "0"), ("Input.MonthlyWage", "lots"), ("Input.PublicWelfare", "true"), ("Input.MinAge", "50"), ("Input.MaxAge", "30"),
            ("Input.RequiredSkills", "juggling"), ("Input.Lat", "30.65"), ("Input.ValidUntil", "2020-01-01")), page: "/Employer/Edit");

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        var errors = EmployerClient.Errors(html);
        Assert.Contains("此项必填", errors);                 // title
        Assert.Contains("应在 1 到 1000 之间", errors);       // headcount
        Assert.Contains("格式不正确", errors);               // wage
        Assert.Contains("只有机关事业单位等公共部门", errors);   // public welfare, private company
        Assert.Contains("最大年龄不能小于最小年龄", errors);
        Assert.Contains("未知的选项：juggling", errors);
        Assert.Contains("纬度和经度须同时填写", errors);
        Assert.Contains("日期不能早于今天", errors);
        // The form comes back as typed.
        Assert.Contains("value=\"lots\"", html);
        Assert.Equal(before, await host.WithDbAsync(db => db.Positions.CountAsync(p => p.EmployerId == Company)));

        // An edit of an existing position that fails leaves it as it was.
        var id = EmployerClient.SavedId(await employer.PostFieldsAsync("/Employer/Edit?handler=Draft", EmployerClient.PositionForm("草稿岗位"), page: "/Employer/Edit"));
        var draft = await host.WithDbAsync(db => db.Positions.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(PositionStatus.Draft, draft.Status);
        var badEdit = await employer.PostFieldsAsync($"/Employer/Edit/{id}?handler=Submit",
            EmployerClient.PositionForm("改过的名称", overrides: ("Input.HoursPerWeek", "200")), page: $"/Employer/Edit/{id}");
        Assert.Equal(HttpStatusCode.OK, badEdit.StatusCode);
        Assert.Contains("应在 1 到 84 之间", EmployerClient.Errors(await badEdit.Content.ReadAsStringAsync()));
        var after = await host.WithDbAsync(db => db.Positions.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(("草稿岗位", PositionStatus.Draft, draft.Version), (after.Title, after.Status, after.Version));
    }

    [Fact]
    public async Task Editing_an_open_position_takes_it_off_the_job_bank_until_it_is_approved_again()
    {
        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: Company);
        var open = await host.WithDbAsync(db => db.Positions.AsNoTracking().FirstAsync(p => p.EmployerId == Company && p.Status == PositionStatus.Open));
        var edit = await (await employer.GetAsync($"/Employer/Edit/{open.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("修改后需重新审核", edit);
        Assert.DoesNotContain("handler=Draft", edit);

        var saved = await employer.PostFieldsAsync($"/Employer/Edit/{open.Id}?handler=Submit",
            EmployerClient.PositionForm(open.Title + "（调薪）", overrides: [("Input.MonthlyWage", "3100"), ("Input.Version", EmployerClient.Version(edit))]),
            page: $"/Employer/Edit/{open.Id}");
        Assert.Equal(open.Id, EmployerClient.SavedId(saved));
        var after = await host.WithDbAsync(db => db.Positions.AsNoTracking().Include(p => p.History).SingleAsync(p => p.Id == open.Id));
        Assert.Equal((PositionStatus.InReview, 3100m), (after.Status, after.MonthlyWage));
        Assert.Equal("edited while open: back to review", after.History.OrderBy(h => h.Id).Last().Note);
        Assert.Equal(HttpStatusCode.NotFound, (await host.NewClient().GetAsync($"/api/positions/{open.Id}")).StatusCode);

        // A stale form (the version it was built from) is refused rather than overwriting.
        var stale = await employer.PostFieldsAsync($"/Employer/Edit/{open.Id}?handler=Submit",
            EmployerClient.PositionForm("覆盖", overrides: ("Input.Version", EmployerClient.Version(edit))), page: $"/Employer/Edit/{open.Id}");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("该记录已被他人修改", await stale.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_employer_cannot_see_or_edit_another_employers_position()
    {
        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: Company);
        var theirs = await host.WithDbAsync(db => db.Positions.AsNoTracking().FirstAsync(p => p.EmployerId == OtherCompany));

        Assert.Equal(HttpStatusCode.NotFound, (await employer.GetAsync($"/Employer/Edit/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await employer.GetAsync($"/api/employer/positions/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await employer.GetAsync($"/Employer/Candidates?position={theirs.Id}")).StatusCode);
        var post = await employer.PostFieldsAsync($"/Employer/Edit/{theirs.Id}?handler=Submit", EmployerClient.PositionForm("接管"), page: "/Employer/Edit");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var unchanged = await host.WithDbAsync(db => db.Positions.AsNoTracking().SingleAsync(p => p.Id == theirs.Id));
        Assert.Equal((theirs.Title, theirs.Version), (unchanged.Title, unchanged.Version));

        var list = await employer.GetFromJsonAsync<JsonElement>("/api/employer/positions?pageSize=100", Json);
        var ids = list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        var own = await host.WithDbAsync(db => db.Positions.Where(p => p.EmployerId == Company).Select(p => p.Id).ToListAsync());
        Assert.NotEmpty(ids);
        Assert.All(ids, i => Assert.Contains(i, own));
        Assert.DoesNotContain($"/Employer/Edit/{theirs.Id}", await (await employer.GetAsync("/Employer?q=" + Uri.EscapeDataString(theirs.Id))).Content.ReadAsStringAsync());

        // Nobody else gets the employer's API or pages.
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.NewClient().GetAsync("/api/employer/positions")).StatusCode);
        var counselor = await host.SignedInAsAsync(Roles.Counselor, areas: ["510104023"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await counselor.GetAsync("/api/employer/positions")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await employer.GetAsync("/Counselor/Review")).StatusCode);
    }

    [Fact]
    public async Task Candidates_show_only_what_hiring_needs_and_outcomes_reach_the_placement()
    {
        var (positionId, hireId, rejectId) = await host.WithDbAsync(async db =>
        {
            var position = await db.Positions.FirstAsync(p => p.EmployerId == Company && p.Status == PositionStatus.Open && p.Headcount - p.Filled >= 1);
            var people = await db.Persons.Include(p => p.Household)
                .Where(p => !p.Employed && p.LaborCapacity != Core.Domain.LaborCapacity.None && p.Status == PersonStatus.Seeking)
                .OrderBy(p => p.Id).Take(2).ToListAsync();
            var ids = new List<long>();
            foreach (var (person, i) in people.Select((p, i) => (p, i)))
            {
                person.Phone = "1390000000" + i;
                person.IdNumber = "51010419800101" + (1234 + i);
                person.MoveTo(PersonStatus.Referred, DateTime.UtcNow);
                var referral = new Referral
                {
                    PersonId = person.Id, PositionId = position.Id, Status = ReferralStatus.Sent, ConsentRecorded = true,
                    Note = "counselor: 慢性病，需定期复查", CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
                };
                db.Referrals.Add(referral);
                await db.SaveChangesAsync();
                ids.Add(referral.Id);
            }
            return (position.Id, ids[0], ids[1]);
        });
        var people = await host.WithDbAsync(db => db.Referrals.Where(r => r.Id == hireId || r.Id == rejectId)
            .Join(db.Persons.Include(p => p.Household), r => r.PersonId, p => p.Id, (r, p) => p).ToListAsync());

        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: Company);
        var response = await employer.GetAsync($"/Employer/Candidates?position={positionId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var person in people)
        {
            Assert.Contains(person.Name, html);
            Assert.Contains(person.Phone!, html);
            Assert.DoesNotContain(person.IdNumber!, html);
            Assert.DoesNotContain(person.IdNumber![^4..], html);
            Assert.DoesNotContain(person.Household!.MonthlyIncome.ToString("0", System.Globalization.CultureInfo.InvariantCulture), html);
            if (person.Household.Address is { } address)
            {
                Assert.DoesNotContain(address, html);
            }
        }
        foreach (var word in new[] { "低保", "边缘", "支出型", "特困", "残疾", "慢性病", "收入", "身份证", "dibao", "illness" })
        {
            Assert.DoesNotContain(word, html);
        }
        // Each person shown was a view of a personal record.
        var actor = await host.WithDbAsync(db => db.AuditLog.Where(a => a.EntityId == people[0].Id && a.Action == "view").Select(a => a.Actor).ToListAsync());
        Assert.NotEmpty(actor);

        // Outcomes: interview, then hire through the placement workflow; the other is turned down with a reason.
        var page = $"/Employer/Candidates?position={positionId}";
        // An interview time left empty is named as missing, not as badly formed.
        var noTime = await employer.PostFormAsync($"/Employer/Candidates?handler=Interview&position={positionId}",
            new() { ["Outcome.ReferralId"] = hireId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Outcome.InterviewAt"] = "" }, page);
        Assert.Equal(HttpStatusCode.OK, noTime.StatusCode);
        var noTimeHtml = await noTime.Content.ReadAsStringAsync();
        Assert.Contains("此项必填", noTimeHtml);
        Assert.DoesNotContain("格式不正确", noTimeHtml);
        var interview = await employer.PostFormAsync($"/Employer/Candidates?handler=Interview&position={positionId}",
            new() { ["Outcome.ReferralId"] = hireId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Outcome.InterviewAt"] = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) }, page);
        Assert.Equal(HttpStatusCode.Redirect, interview.StatusCode);
        Assert.Equal(ReferralStatus.Interview, await host.WithDbAsync(db => db.Referrals.Where(r => r.Id == hireId).Select(r => r.Status).SingleAsync()));
        Assert.Equal(PersonStatus.Interviewing, await host.WithDbAsync(db => db.Referrals.Where(r => r.Id == hireId)
            .Join(db.Persons, r => r.PersonId, p => p.Id, (r, p) => p.Status).SingleAsync()));

        var incomeBefore = await host.WithDbAsync(db => db.Referrals.Where(r => r.Id == hireId).Join(db.Persons, r => r.PersonId, p => p.Id, (r, p) => p.HouseholdId)
            .Join(db.Households, h => h, x => x.Id, (h, x) => x.MonthlyIncome).SingleAsync());
        // A start dated before the interview is held back with a warning until the employer confirms it.
        var startedOn = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var early = await employer.PostFormAsync($"/Employer/Candidates?handler=Hire&position={positionId}",
            new() { ["Outcome.ReferralId"] = hireId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Outcome.StartedOn"] = startedOn, ["Outcome.MonthlyWage"] = "" }, page);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        var warning = await early.Content.ReadAsStringAsync();
        Assert.Contains("到岗日期早于面试日期", warning);
        Assert.Contains("name=\"Outcome.ConfirmBeforeInterview\"", warning);
        Assert.Equal(ReferralStatus.Interview, await host.WithDbAsync(db => db.Referrals.Where(r => r.Id == hireId).Select(r => r.Status).SingleAsync()));
        var hire = await employer.PostFormAsync($"/Employer/Candidates?handler=Hire&position={positionId}",
            new() { ["Outcome.ReferralId"] = hireId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Outcome.StartedOn"] = startedOn, ["Outcome.MonthlyWage"] = "",
                ["Outcome.ConfirmBeforeInterview"] = "true" }, page);
        Assert.Equal(HttpStatusCode.Redirect, hire.StatusCode);
        var placement = await host.WithDbAsync(db => db.Placements.AsNoTracking().Include(p => p.FollowUps).SingleAsync(p => p.ReferralId == hireId));
        Assert.Equal((positionId, PlacementChannel.Referral, 3), (placement.PositionId, placement.Channel, placement.FollowUps.Count));
        Assert.Equal(ReferralStatus.Hired, await host.WithDbAsync(db => db.Referrals.Where(r => r.Id == hireId).Select(r => r.Status).SingleAsync()));
        var incomeAfter = await host.WithDbAsync(db => db.Households.Where(h => h.Id == placement.HouseholdId).Select(h => h.MonthlyIncome).SingleAsync());
        Assert.Equal(incomeBefore + placement.MonthlyWage, incomeAfter);

        var noReason = await employer.PostFormAsync($"/Employer/Candidates?handler=Reject&position={positionId}",
            new() { ["Outcome.ReferralId"] = rejectId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Outcome.Reason"] = "" }, page);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(ReferralStatus.Sent, await host.WithDbAsync(db => db.Referrals.Where(r => r.Id == rejectId).Select(r => r.Status).SingleAsync()));
        var reject = await employer.PostFormAsync($"/Employer/Candidates?handler=Reject&position={positionId}",
            new() { ["Outcome.ReferralId"] = rejectId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Outcome.Reason"] = "已招到有证人员" }, page);
        Assert.Equal(HttpStatusCode.Redirect, reject.StatusCode);
        var rejected = await host.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == rejectId));
        Assert.Equal(ReferralStatus.Rejected, rejected.Status);
        Assert.Contains("已招到有证人员", rejected.Note);
        Assert.Equal(PersonStatus.Seeking, await host.WithDbAsync(db => db.Persons.Where(p => p.Id == rejected.PersonId).Select(p => p.Status).SingleAsync()));

        // Another employer can act on none of it.
        var other = await host.SignedInAsAsync(Roles.Employer, employerId: OtherCompany);
        var foreign = await other.PostFormAsync("/Employer/Candidates?handler=Reject",
            new() { ["Outcome.ReferralId"] = hireId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Outcome.Reason"] = "x" }, "/Employer/Candidates");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain(people[0].Name, await (await other.GetAsync("/Employer/Candidates")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_candidate_without_a_phone_names_the_referring_counselor_and_their_work_phone()
    {
        var counselor = await host.CreateAccountAsync(Roles.Counselor, areas: ["510104023"]);
        using (var scope = host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var user = (await users.FindByNameAsync(counselor.Login))!;
            await users.SetPhoneNumberAsync(user, "028-8555 0101");
        }
        var positionId = await host.WithDbAsync(async db =>
        {
            var position = await db.Positions.FirstAsync(p => p.EmployerId == OtherCompany && p.Status == PositionStatus.Open);
            var person = await db.Persons.Where(p => !p.Employed && p.Status == PersonStatus.Seeking && p.LaborCapacity != Core.Domain.LaborCapacity.None)
                .OrderByDescending(p => p.Id).FirstAsync();
            person.Phone = null;
            db.Referrals.Add(new Referral
            {
                PersonId = person.Id, PositionId = position.Id, Status = ReferralStatus.Sent, ConsentRecorded = true, CreatedBy = counselor.Login,
                CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return position.Id;
        });

        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: OtherCompany);
        var html = await (await employer.GetAsync($"/Employer/Candidates?position={positionId}")).Content.ReadAsStringAsync();

        Assert.Contains($"未留电话，请联系就业指导员 {counselor.Login}（工作电话 028-8555 0101）", html);
    }

    [Fact]
    public async Task Suggestions_come_as_json_for_the_script_and_in_the_page_without_it()
    {
        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: Company);
        var body = new { title = "养老院护理员", description = "看护老人，需要搬运重物，有轮椅坡道" };
        // Like every cookie-authenticated API write, it needs the script's header.
        Assert.Equal(HttpStatusCode.BadRequest, (await employer.PostAsJsonAsync("/api/employer/suggest", body)).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/employer/suggest") { Content = JsonContent.Create(body) };
        request.Headers.Add(Employment.Web.Infrastructure.StaffSecurity.ApiWriteHeader, "fetch");
        var json = await employer.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var codes = (await json.Content.ReadFromJsonAsync<JsonElement>(Json)).EnumerateArray().Select(s => s.GetProperty("code").GetString()).ToList();
        Assert.Contains("care.elder", codes);
        Assert.Contains("lifting_heavy", codes);
        Assert.Contains("step_free_access", codes);

        var fallback = await employer.PostFieldsAsync("/Employer/Edit?handler=Suggest",
            [new("Input.Title", "保洁员"), new("Input.Description", "每天打扫楼道，需要搬运垃圾桶")], page: "/Employer/Edit");
        Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
        var html = await fallback.Content.ReadAsStringAsync();
        Assert.Contains("«保洁员»", html);
        // Suggestions are named in words; the taxonomy code stays in the form's field values.
        Assert.Contains("<strong>保洁</strong>", html);
        Assert.DoesNotContain("<span class=\"code\">clean.basic</span>", html);
        Assert.Contains("class=\"choice suggested\" for=\"req-clean.basic\"", html);
        Assert.Contains("class=\"choice suggested\" for=\"dem-lifting_heavy\"", html);
        // Suggested, not chosen: the employer confirms.
        Assert.DoesNotContain("id=\"req-clean.basic\" name=\"Input.RequiredSkills\" value=\"clean.basic\" checked", html);
        Assert.Contains("每天打扫楼道，需要搬运垃圾桶</textarea>", html);
    }
}
