using System.Text.Json;
using Employment.Core.Scheduling;
using Employment.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Employment.Tests.Scheduling;

/// <summary>`employment schedules` and `employment plan`, as separate processes, on what the web host stored.</summary>
[BothStores]
public sealed class SchedulesCliTests
{
    [Fact]
    public async Task The_cli_lists_what_the_host_ran_and_a_pause_it_makes_holds_in_the_next_host()
    {
        using var dir = new TempDir();
        var empty = await CliRunner.RunAsync("schedules", "list", "--format", "json", "--DataDir", dir.Path);
        Assert.Equal(0, empty.ExitCode);
        var none = JsonDocument.Parse(empty.StdOut).RootElement;
        Assert.Equal(TestStore.IsPostgres, none.GetProperty("clustered").GetBoolean());
        Assert.Empty(none.GetProperty("instances").EnumerateArray());
        Assert.Empty(none.GetProperty("schedules").EnumerateArray());

        using (var host = new SchedulingHost(dir.Path, new FakeTimeProvider(Shanghai.At(2026, 12, 1, 12))))
        {
            await host.WaitForIndexesAsync();
            Assert.True(await ScheduleBook.RunNowAsync(await host.SchedulerAsync(), ScheduleBook.PositionExpiry));
            await host.WaitForRunsAsync(ScheduleBook.PositionExpiry);
        }

        var listed = await CliRunner.RunAsync("schedules", "list", "--format", "json", "--DataDir", dir.Path);
        Assert.Equal(0, listed.ExitCode);
        // One object: whether the store is clustered, the schedulers checked in (none: the host has stopped... or
        // not yet timed out), and today's entries.
        var root = JsonDocument.Parse(listed.StdOut).RootElement;
        Assert.Equal(TestStore.IsPostgres, root.GetProperty("clustered").GetBoolean());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("instances").ValueKind);
        var items = root.GetProperty("schedules").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.Equal(ScheduleBook.All.Select(d => d.Name).Order(), items.Keys.Order());
        var expiry = items[ScheduleBook.PositionExpiry];
        Assert.Equal("Succeeded", expiry.GetProperty("lastResult").GetString());
        Assert.Equal(1, expiry.GetProperty("runCount").GetInt32());
        Assert.Equal("no position past its validUntil", expiry.GetProperty("lastSummary").GetString());
        Assert.Equal("0 0 9 ? 1,4,7,10 7#2", items[ScheduleBook.Fair].GetProperty("cron").GetString());
        Assert.Equal(Shanghai.At(2027, 1, 9, 9), items[ScheduleBook.Fair].GetProperty("nextFireUtc").GetDateTimeOffset());
        // People read the district's time: the fair at 09:00 Beijing is listed as 09:00 +08:00, not 01:00 UTC.
        var text = await CliRunner.RunAsync("schedules", "list", "--DataDir", dir.Path);
        Assert.Contains("2027-01-09 09:00 +08:00", text.StdOut);

        Assert.Equal(0, (await CliRunner.RunAsync("schedules", "pause", ScheduleBook.FollowUps, "--DataDir", dir.Path)).ExitCode);
        var unknown = await CliRunner.RunAsync("schedules", "pause", "nightly", "--DataDir", dir.Path);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no schedule 'nightly'", unknown.StdErr);

        // The next host starts two days later: the paused follow-ups do not fire; the others catch up once.
        using var next = new SchedulingHost(dir.Path, new FakeTimeProvider(Shanghai.At(2026, 12, 3, 12)));
        await next.WaitForIndexesAsync();
        await next.WaitForRunsAsync(ScheduleBook.FairPrepare);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Null(await next.StatusAsync(ScheduleBook.FollowUps));
        var states = (await ScheduleBook.ListAsync(await next.SchedulerAsync(), null)).ToDictionary(s => s.Name, s => s.State);
        Assert.Equal("Paused", states[ScheduleBook.FollowUps]);
        Assert.Equal("Normal", states[ScheduleBook.Fair]);
    }

    [Fact]
    public async Task Plan_reports_the_optimal_plan_against_greedy_for_a_dataset()
    {
        using var dir = new TempDir();
        var file = dir.File("district.json");
        await File.WriteAllTextAsync(file, Core.Interchange.DatasetWriter.ToJson(FairScheduleTests.SmallDistrict()));

        var result = await CliRunner.RunAsync("plan", "--dataset", file, "--as-of", "2027-01-09", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var report = JsonDocument.Parse(result.StdOut).RootElement;
        Assert.Equal(4, report.GetProperty("seekers").GetInt32());
        Assert.Equal(3, report.GetProperty("places").GetInt32());
        Assert.Equal(3, report.GetProperty("plan").GetProperty("assigned").GetInt32());
        Assert.True(report.GetProperty("plan").GetProperty("value").GetDouble() >= report.GetProperty("greedy").GetProperty("value").GetDouble());

        var bad = await CliRunner.RunAsync("plan", "--dataset", file, "--as-of", "9 January");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--as-of", bad.StdErr);
    }
}
