using System.Net;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Placement;
using Employment.Core.Scheduling;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Employment.Tests.Scheduling;

/// <summary>The counselors' fair and follow-up pages over HTTP, signed in, on the small district.</summary>
[BothStores]
public sealed class FairPagesTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private SchedulingHost _host = null!;
    private JobFair _fair = null!;

    public async Task InitializeAsync()
    {
        // The morning after the fair of Saturday 9 January 2027.
        _host = new SchedulingHost(_dir.Path, new FakeTimeProvider(Shanghai.At(2027, 1, 10, 10)));
        await _host.WaitForIndexesAsync();
        await _host.ImportAsync(FairScheduleTests.SmallDistrict());
        using var scope = _host.Services.CreateScope();
        _fair = await scope.ServiceProvider.GetRequiredService<JobFairPlanning>().MarkHeldAsync(new DateOnly(2027, 1, 9));
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_counselor_sees_the_invitation_list_of_their_area_only_and_records_a_hire_that_becomes_a_placement()
    {
        var counselor = await _host.SignedInAsAsync(Roles.Counselor, ["510104017"]);
        var list = await counselor.GetStringAsync("/Fairs");
        Assert.Contains("2027Q1", list);
        Assert.Contains($"/Fairs/{_fair.Id}", list);

        var page = await counselor.GetStringAsync($"/Fairs/{_fair.Id}");
        var lines = await _host.QueryAsync(db => db.JobFairAssignments.Where(a => a.JobFairId == _fair.Id).ToListAsync());
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Contains($"id=\"line-{l.Id}\"", page));
        Assert.Contains("fairs-print.css", page);
        Assert.Contains("春熙路街道办事处", page);
        // The view of a list of people is audited.
        Assert.Contains(await _host.QueryAsync(db => db.AuditLog.ToListAsync()), a => a.Action == "view" && a.EntityType == "JobFair" && a.EntityId == "2027Q1");

        // Another street's counselor sees none of them, and cannot record outcomes for them either.
        var other = await _host.SignedInAsAsync(Roles.Counselor, ["510104018"]);
        var otherPage = await other.GetStringAsync($"/Fairs/{_fair.Id}");
        Assert.DoesNotContain("id=\"line-", otherPage);
        var s1 = lines.Single(l => l.PersonId == "S-1");
        var sneaky = await other.PostFormAsync($"/Fairs/{_fair.Id}?handler=Outcomes",
            new() { ["Outcomes[0].AssignmentId"] = s1.Id.ToString(), ["Outcomes[0].Hired"] = "yes" }, page: $"/Fairs/{_fair.Id}");
        Assert.Equal(HttpStatusCode.Redirect, sneaky.StatusCode);
        Assert.Empty(await _host.QueryAsync(db => db.Placements.ToListAsync()));

        // The counselor of the area records: S-1 attended and was hired, S-3 attended and was not.
        var s3 = lines.Single(l => l.PersonId == "S-3");
        var saved = await counselor.PostFormAsync($"/Fairs/{_fair.Id}?handler=Outcomes", new()
        {
            ["Outcomes[0].AssignmentId"] = s1.Id.ToString(), ["Outcomes[0].Attended"] = "yes", ["Outcomes[0].Hired"] = "yes",
            ["Outcomes[0].StartedOn"] = "2027-01-11",
            ["Outcomes[1].AssignmentId"] = s3.Id.ToString(), ["Outcomes[1].Attended"] = "yes", ["Outcomes[1].Hired"] = "no",
            ["Outcomes[1].Outcome"] = "工资不合适",
        }, page: $"/Fairs/{_fair.Id}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var placement = await _host.QueryAsync(db => db.Placements.Include(p => p.FollowUps).SingleAsync());
        Assert.Equal(("S-1", s1.PositionId, PlacementChannel.Fair, new DateOnly(2027, 1, 11)),
            (placement.PersonId, placement.PositionId, placement.Channel, placement.StartedOn));
        Assert.Equal(3, placement.FollowUps.Count);
        Assert.True((await _host.QueryAsync(db => db.Persons.SingleAsync(p => p.Id == "S-1"))).Employed);
        var after = await _host.QueryAsync(db => db.JobFairAssignments.Where(a => a.JobFairId == _fair.Id).ToDictionaryAsync(a => a.PersonId));
        Assert.True(after["S-1"].Hired);
        Assert.Equal((true, false, "工资不合适"), (after["S-3"].Attended!.Value, after["S-3"].Hired!.Value, after["S-3"].Outcome));

        // Recording the hire again changes nothing: one placement.
        await counselor.PostFormAsync($"/Fairs/{_fair.Id}?handler=Outcomes",
            new() { ["Outcomes[0].AssignmentId"] = s1.Id.ToString(), ["Outcomes[0].Hired"] = "yes" }, page: $"/Fairs/{_fair.Id}");
        Assert.Equal(1, await _host.QueryAsync(db => db.Placements.CountAsync()));
    }

    [Fact]
    public async Task The_same_hire_recorded_by_ten_parallel_posts_makes_one_placement_and_no_error()
    {
        var counselor = await _host.SignedInAsAsync(Roles.Counselor, ["510104017"]);
        var s1 = await _host.QueryAsync(db => db.JobFairAssignments.SingleAsync(a => a.JobFairId == _fair.Id && a.PersonId == "S-1"));
        var token = Staff.AntiforgeryToken(await counselor.GetStringAsync($"/Fairs/{_fair.Id}"))!;
        var form = new Dictionary<string, string>
        {
            ["Outcomes[0].AssignmentId"] = s1.Id.ToString(), ["Outcomes[0].Attended"] = "yes", ["Outcomes[0].Hired"] = "yes",
            ["__RequestVerificationToken"] = token,
        };
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            counselor.PostAsync($"/Fairs/{_fair.Id}?handler=Outcomes", new FormUrlEncodedContent(form))));

        // Every request is answered as a save (the later ones find the hire already recorded), none with 500.
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(1, await _host.QueryAsync(db => db.Placements.CountAsync(p => p.PersonId == "S-1")));
        Assert.True((await _host.QueryAsync(db => db.JobFairAssignments.SingleAsync(a => a.Id == s1.Id))).Hired);
    }

    [Fact]
    public async Task Health_reports_the_scheduler_running_on_its_store()
    {
        var body = System.Text.Json.JsonDocument.Parse(await _host.NewClient().GetStringAsync("/health")).RootElement;
        var scheduler = body.GetProperty("checks").GetProperty("scheduler");
        Assert.Equal("Healthy", scheduler.GetProperty("status").GetString());
        Assert.Equal("Running", scheduler.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(ScheduleBook.All.Count, scheduler.GetProperty("data").GetProperty("schedules").GetInt32());

        var admin = await _host.SignedInAsAsync(Roles.Admin);
        await admin.PostFormAsync("/Admin/Schedules?handler=Pause", new() { ["Name"] = "index-check" }, page: "/Admin/Schedules");
        body = System.Text.Json.JsonDocument.Parse(await _host.NewClient().GetStringAsync("/health")).RootElement;
        Assert.Equal("index-check", body.GetProperty("checks").GetProperty("scheduler").GetProperty("data").GetProperty("paused")[0].GetString());
        var page = await admin.GetStringAsync("/Admin/Schedules");
        Assert.Contains("id=\"schedule-index-check\" class=\"state-paused\"", page);
    }

    [Fact]
    public async Task Employers_and_anonymous_visitors_cannot_open_the_fair_or_schedule_pages()
    {
        var employer = await _host.SignedInAsAsync(Roles.Employer, employerId: "E-1");
        foreach (var url in new[] { "/Fairs", $"/Fairs/{_fair.Id}", "/FollowUps", "/Admin/Schedules" })
        {
            var response = await employer.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url}: {response.StatusCode}");
            Assert.Contains("/Account/Denied", response.Headers.Location!.ToString());
            Assert.Equal(HttpStatusCode.Redirect, (await _host.NewClient().GetAsync(url)).StatusCode);
        }
        var counselor = await _host.SignedInAsAsync(Roles.Counselor, ["510104017"]);
        Assert.Contains("/Account/Denied", (await counselor.GetAsync("/Admin/Schedules")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_person_living_on_another_street_than_the_household_belongs_to_the_counselor_of_where_they_live_everywhere()
    {
        // S-3's household is registered on 510104017; S-3 lives on 510104018.
        await _host.QueryAsync(async db =>
        {
            var person = await db.Persons.SingleAsync(p => p.Id == "S-3");
            person.DivisionCode = "510104018";
            return await db.SaveChangesAsync();
        });
        using (var scope = _host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PlacementWorkflow>()
                .HireAsync(new HireRequest("S-3", "P-1", PlacementChannel.Referral, new DateOnly(2026, 12, 1)), "counselor");
        }
        var followUp = await _host.QueryAsync(db => db.FollowUps.SingleAsync(f => f.MonthsAfter == 1));
        var whereTheyLive = await _host.SignedInAsAsync(Roles.Counselor, ["510104018"]);
        var whereRegistered = await _host.SignedInAsAsync(Roles.Counselor, ["510104017"]);

        // The follow-up queue, the record page and the person page agree on one answer.
        Assert.Contains($"id=\"followup-{followUp.Id}\"", await whereTheyLive.GetStringAsync("/FollowUps"));
        Assert.Equal(HttpStatusCode.OK, (await whereTheyLive.GetAsync($"/FollowUps/Record/{followUp.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await whereTheyLive.GetAsync("/Counselor/Person/S-3")).StatusCode);
        Assert.DoesNotContain($"followup-{followUp.Id}", await whereRegistered.GetStringAsync("/FollowUps"));
        Assert.Equal(HttpStatusCode.NotFound, (await whereRegistered.GetAsync($"/FollowUps/Record/{followUp.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await whereRegistered.GetAsync("/Counselor/Person/S-3")).StatusCode);
    }

    [Fact]
    public async Task The_follow_up_queue_also_lists_what_comes_due_this_week_and_this_month()
    {
        using (var scope = _host.Services.CreateScope())
        {
            // Today is 2027-01-10: the one-month follow-up of a start on 15 December is due in five days.
            await scope.ServiceProvider.GetRequiredService<PlacementWorkflow>()
                .HireAsync(new HireRequest("S-3", "P-1", PlacementChannel.Referral, new DateOnly(2026, 12, 15)), "counselor");
        }
        var followUp = await _host.QueryAsync(db => db.FollowUps.SingleAsync(f => f.MonthsAfter == 1));
        var counselor = await _host.SignedInAsAsync(Roles.Counselor, ["510104017"]);

        var page = await counselor.GetStringAsync("/FollowUps");

        Assert.DoesNotContain($"id=\"followup-{followUp.Id}\"", page);
        Assert.Contains($"id=\"coming-{followUp.Id}\"", page);
        Assert.Contains("本周（5 天后）", page);
        var other = await _host.SignedInAsAsync(Roles.Counselor, ["510104018"]);
        Assert.DoesNotContain($"coming-{followUp.Id}", await other.GetStringAsync("/FollowUps"));
    }

    [Fact]
    public async Task A_follow_up_that_came_due_is_in_the_area_queue_and_a_lost_job_recorded_there_puts_the_person_back_to_seeking()
    {
        using (var scope = _host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PlacementWorkflow>()
                .HireAsync(new HireRequest("S-3", "P-1", PlacementChannel.Referral, new DateOnly(2026, 12, 1)), "counselor");
        }
        var followUp = await _host.QueryAsync(db => db.FollowUps.SingleAsync(f => f.MonthsAfter == 1));
        Assert.Equal(new DateOnly(2027, 1, 1), followUp.DueOn);

        var counselor = await _host.SignedInAsAsync(Roles.Counselor, ["510104017"]);
        var queue = await counselor.GetStringAsync("/FollowUps");
        Assert.Contains($"id=\"followup-{followUp.Id}\"", queue);
        // Nine days past due: due, not yet overdue (the threshold is fourteen days).
        Assert.DoesNotContain("class=\"overdue\"", queue);

        var other = await _host.SignedInAsAsync(Roles.Counselor, ["510104018"]);
        Assert.DoesNotContain($"followup-{followUp.Id}", await other.GetStringAsync("/FollowUps"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/FollowUps/Record/{followUp.Id}")).StatusCode);

        var recorded = await counselor.PostFormAsync($"/FollowUps/Record/{followUp.Id}",
            new() { ["Input.StillEmployed"] = "false", ["Input.MonthlyWage"] = "0", ["Input.Note"] = "已离职" });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        var person = await _host.QueryAsync(db => db.Persons.SingleAsync(p => p.Id == "S-3"));
        Assert.False(person.Employed);
        Assert.Equal(PersonStatus.Seeking, person.Status);
        var done = await _host.QueryAsync(db => db.FollowUps.SingleAsync(f => f.Id == followUp.Id));
        Assert.NotNull(done.DoneUtc);
        Assert.False(done.StillEmployed);
        Assert.Equal(PlacementStatus.Ended, (await _host.QueryAsync(db => db.Placements.SingleAsync())).Status);
        Assert.DoesNotContain($"followup-{followUp.Id}", await counselor.GetStringAsync("/FollowUps"));
    }

    [Fact]
    public async Task Satisfaction_asked_at_a_follow_up_is_kept_with_it_and_half_an_answer_is_refused()
    {
        using (var scope = _host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PlacementWorkflow>()
                .HireAsync(new HireRequest("S-3", "P-1", PlacementChannel.Referral, new DateOnly(2026, 12, 1)), "counselor");
        }
        var followUp = await _host.QueryAsync(db => db.FollowUps.SingleAsync(f => f.MonthsAfter == 1));
        var counselor = await _host.SignedInAsAsync(Roles.Counselor, ["510104017"]);
        Assert.Contains("name=\"Input.Service\"", await counselor.GetStringAsync($"/FollowUps/Record/{followUp.Id}"));

        var half = await counselor.PostFormAsync($"/FollowUps/Record/{followUp.Id}",
            new() { ["Input.StillEmployed"] = "true", ["Input.MonthlyWage"] = "2000", ["Input.Job"] = "4" });
        Assert.Equal(HttpStatusCode.OK, half.StatusCode);
        Assert.Null((await _host.QueryAsync(db => db.FollowUps.SingleAsync(f => f.Id == followUp.Id))).DoneUtc);

        var whole = await counselor.PostFormAsync($"/FollowUps/Record/{followUp.Id}",
            new() { ["Input.StillEmployed"] = "true", ["Input.MonthlyWage"] = "2000", ["Input.Job"] = "5", ["Input.Pay"] = "4", ["Input.Service"] = "3", ["Input.Remark"] = "满意" });
        Assert.Equal(HttpStatusCode.Redirect, whole.StatusCode);
        var answer = await _host.QueryAsync(db => db.SatisfactionAnswers.SingleAsync());
        Assert.Equal(followUp.Id, answer.FollowUpId);
        Assert.Equal(SurveySource.FollowUp, answer.Source);
        Assert.Equal((5, 4, 3, "满意"), (answer.Job, answer.Pay, answer.Service, answer.Remark));
    }
}
