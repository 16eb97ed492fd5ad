using Employment.Core.Households;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Placement;
using Employment.Core.Scheduling;
using Employment.Core.Taxonomy;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Employment.Tests.Scheduling;

/// <summary>
/// Schedules survive the host: two hosts, one after the other, on the same data directory and the
/// same Quartz tables in its database, the second started after fire times the first never reached.
/// </summary>
[BothStores]
public sealed class RestartTests
{
    [Fact]
    public async Task Follow_ups_and_the_fair_missed_while_the_host_was_down_run_once_at_start()
    {
        using var dir = new TempDir();
        long followUpId;
        // Monday 4 January 2027, 06:30 in Chengdu: after the day's fair check, before the 07:00 follow-ups.
        using (var first = new SchedulingHost(dir.Path, new FakeTimeProvider(Shanghai.At(2027, 1, 4, 6, 30))))
        {
            await first.WaitForIndexesAsync();
            using (var scope = first.Services.CreateScope())
            {
                var dataset = DatasetReader.ReadFile(TestData.ExampleDataset, Taxonomy.Embedded, new DateOnly(2026, 11, 24)).EnsureValid();
                await scope.ServiceProvider.GetRequiredService<DatasetImporter>().ImportAsync(dataset);
                // Placed on 1 November: follow-ups at 1, 3 and 6 months, the first due 1 December.
                var placement = await scope.ServiceProvider.GetRequiredService<PlacementWorkflow>()
                    .HireAsync(new HireRequest("S-1", "P-3", PlacementChannel.Referral, new DateOnly(2026, 11, 1)), "counselor");
                followUpId = placement.FollowUps.Single(f => f.MonthsAfter == 1).Id;
                Assert.Equal([new DateOnly(2026, 12, 1), new DateOnly(2027, 2, 1), new DateOnly(2027, 5, 1)],
                    placement.FollowUps.Select(f => f.DueOn).Order());
            }
            Assert.Null(await first.StatusAsync(ScheduleBook.FollowUps));
            // The first follow-up has come due (34 days ago) and shows in the caseload queue, overdue but not yet escalated.
            var queue = await DueAsync(first, null);
            var item = Assert.Single(queue);
            Assert.Equal(followUpId, item.FollowUpId);
            Assert.True(item.Overdue);
            Assert.Null(item.EscalatedUtc);
        }

        // The host was down over two 07:00 follow-up firings and two 06:00 fair checks.
        var later = new FakeTimeProvider(Shanghai.At(2027, 1, 6, 8, 0));
        using var second = new SchedulingHost(dir.Path, later);
        await second.WaitForIndexesAsync();
        Assert.True(await SchedulingServices.StoreExistsAsync(TestStore.Options(dir.Path)));

        var followUps = await second.WaitForRunsAsync(ScheduleBook.FollowUps);
        await second.WaitForRunsAsync(ScheduleBook.FairPrepare);
        // Give a second firing every chance to happen before asserting there was none.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await second.StatusAsync(ScheduleBook.FollowUps))!.RunCount);
        Assert.Equal(1, (await second.StatusAsync(ScheduleBook.FairPrepare))!.RunCount);
        Assert.Equal(Quartz.JobRunResult.Succeeded, followUps.LastResult);
        // FireAndProceed: after the one catch-up run the schedule goes on from now, tomorrow at 07:00.
        var schedules = await ScheduleBook.ListAsync(await second.SchedulerAsync(), null);
        Assert.Equal(Shanghai.At(2027, 1, 7, 7), schedules.Single(s => s.Name == ScheduleBook.FollowUps).NextFireUtc);

        // The overdue follow-up was escalated once, and the queue shows it.
        var escalations = await second.QueryAsync(db => db.AuditLog.Where(a => a.Action == FollowUpQueue.EscalatedAction).ToListAsync());
        Assert.Equal(followUpId.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(escalations).EntityId);
        Assert.NotNull(Assert.Single(await DueAsync(second, null)).EscalatedUtc);
        // ... from the follow-up's own column: the audit log is the record of it, not the state.
        Assert.NotNull((await second.QueryAsync(db => db.FollowUps.SingleAsync(f => f.Id == followUpId))).EscalatedUtc);
        // The fair check that was missed ran at start: the fair of 9 January is planned, once.
        var fair = await second.QueryAsync(db => db.JobFairs.SingleAsync());
        Assert.Equal(new DateOnly(2027, 1, 9), fair.HeldOn);
        Assert.Equal(JobFairStatus.Planned, fair.Status);
    }

    [Fact]
    public async Task A_schedule_changed_by_an_admin_as_a_date_and_a_time_of_day_survives_a_restart()
    {
        using var dir = new TempDir();
        using (var first = new SchedulingHost(dir.Path, new FakeTimeProvider(Shanghai.At(2026, 12, 1, 12))))
        {
            _ = first.Server;
            var admin = await first.SignedInAsAsync(Roles.Admin);
            // The page shows the fair's rule in words and offers its next date and time, not a cron expression to type.
            var page = await admin.GetStringAsync("/Admin/Schedules");
            Assert.Contains("每季度首月的第二个星期六 09:00", page);
            Assert.Contains("name=\"Date\" type=\"date\" value=\"2027-01-09\"", page);
            Assert.Contains("name=\"Time\" type=\"time\" value=\"09:00\"", page);
            Assert.DoesNotContain("name=\"Cron\" value=\"0 0 9", page);

            // Saturday 16 January 2027, 09:30: the third Saturday of each quarter's first month.
            var response = await admin.PostFormAsync("/Admin/Schedules?handler=Reschedule",
                new() { ["Name"] = ScheduleBook.Fair, ["Date"] = "2027-01-16", ["Time"] = "09:30" }, page: "/Admin/Schedules");
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
            var done = await admin.GetStringAsync("/Admin/Schedules");
            Assert.Contains("的时间表已改为 每季度首月的第三个星期六 09:30，下次运行 2027-01-16 09:30。", done);
            Assert.Contains("撤销（恢复为 每季度首月的第二个星期六 09:00）", done);

            // Wrong input is told in the reader's language, never as Quartz's English.
            var past = await admin.PostFormAsync("/Admin/Schedules?handler=Reschedule",
                new() { ["Name"] = ScheduleBook.Fair, ["Date"] = "2026-11-28", ["Time"] = "09:00" }, page: "/Admin/Schedules");
            Assert.Equal(System.Net.HttpStatusCode.OK, past.StatusCode);
            Assert.Contains("这个日期和时间已经过去，请选以后的日期。", await past.Content.ReadAsStringAsync());
            var noTime = await admin.PostFormAsync("/Admin/Schedules?handler=Reschedule",
                new() { ["Name"] = ScheduleBook.Fair, ["Date"] = "2027-04-10", ["Time"] = "nine" }, page: "/Admin/Schedules");
            Assert.Contains("请填写时间（例如 09:00）。", await noTime.Content.ReadAsStringAsync());
            var bad = await admin.PostFormAsync("/Admin/Schedules?handler=Reschedule",
                new() { ["Name"] = ScheduleBook.Fair, ["Cron"] = "every third saturday" }, page: "/Admin/Schedules");
            Assert.Equal(System.Net.HttpStatusCode.OK, bad.StatusCode);
            var badHtml = await bad.Content.ReadAsStringAsync();
            Assert.Contains("这个时间表无法使用，请重新选择日期和时间。", badHtml);
            Assert.DoesNotContain("Quartz", badHtml);
        }

        using var second = new SchedulingHost(dir.Path, new FakeTimeProvider(Shanghai.At(2026, 12, 2, 12)));
        _ = second.Server;
        var fair = (await ScheduleBook.ListAsync(await second.SchedulerAsync(), null)).Single(s => s.Name == ScheduleBook.Fair);
        // The configured default (second Saturday, 09:00) did not overwrite the stored change.
        Assert.Equal("0 30 9 ? 1,4,7,10 7#3", fair.Cron);
        Assert.Equal(Shanghai.At(2027, 1, 16, 9, 30), fair.NextFireUtc);
        Assert.Equal("Asia/Shanghai", fair.TimeZone);
    }

    [Theory]
    [InlineData("2027-01-09", "09:00", "0 0 9 ? 1,4,7,10 7#2")]
    [InlineData("2027-02-28", "14:30", "0 30 14 ? 2,5,8,11 1#4")]
    [InlineData("2027-03-31", "08:05", "0 5 8 ? 3,6,9,12 4L")]
    public void A_date_and_a_time_of_day_say_a_quarterly_rule_and_its_cron_reads_back(string date, string time, string cron)
    {
        var day = FairDay.Of(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(cron, day.Cron);
        Assert.Equal(day, FairDay.FromCron(cron));
        var next = new Quartz.CronExpression(cron, TimeZoneInfo.Utc).GetNextValidTimeAfter(DateTimeOffset.Parse(date + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(date + " " + time, next!.Value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(FairDay.FromCron("0 0/5 * * * ?"));
    }

    private static async Task<IReadOnlyList<FollowUpItem>> DueAsync(SchedulingHost host, IReadOnlyCollection<string>? areas)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<FollowUpQueue>().DueAsync(areas is null ? AreaScope.Everywhere : AreaScope.Of(areas));
    }
}
