using Employment.Core.Data;
using Employment.Core.Scheduling;
using Employment.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Employment.Tests.Scheduling;

/// <summary>The admin's Schedules page reads in the reader's language: what the last run did, not the job's English line.</summary>
[BothStores]
public sealed class SchedulesPageTests
{
    [Fact]
    public async Task The_last_run_of_the_fair_check_is_said_in_chinese_and_english_with_the_operator_s_line_as_technical_detail()
    {
        using var dir = new TempDir();
        // 05:00 on 1 December 2026 in Chengdu: the next fair (second Saturday of January) is 39 days ahead.
        using var host = new SchedulingHost(dir.Path, new FakeTimeProvider(Shanghai.At(2026, 12, 1, 5)));
        await host.WaitForIndexesAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.WaitForRunsAsync(ScheduleBook.FairPrepare);

        var admin = await host.SignedInAsAsync(Roles.Admin);
        var page = await admin.GetStringAsync("/Admin/Schedules");
        Assert.Contains("<span class=\"summary\">下次招聘会在 2027-01-09，还有 39 天；提前 14 天开始准备。</span>", page);
        // The job's own English line is there only as the operators' technical detail, marked as English.
        var english = page.IndexOf("days ahead", StringComparison.Ordinal);
        Assert.True(english > 0);
        Assert.Contains("<code lang=\"en\">next fair 2027-01-09 is 39 days ahead</code>", page);

        await admin.GetAsync("/Culture?culture=en&returnUrl=%2FAdmin%2FSchedules");
        Assert.Contains("The next fair is on 2027-01-09, 39 days ahead; preparation starts 14 days before.", await admin.GetStringAsync("/Admin/Schedules"));
    }
}
