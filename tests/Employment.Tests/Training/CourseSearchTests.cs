using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Employment.Core.Accounts;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Tests.Counselor;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Training;

/// <summary>
/// The course catalog's search index on the real host: a real store, a real Lucene folder, courses
/// written by the CLI (another process) and found on the counselor's /Training and the kiosk's
/// /kiosk/courses by title, provider and the Chinese name of a skill taught; an edit and a course
/// closing (every seat taken) reach the results; a node started after the changes catches up.
/// </summary>
[BothStores]
public sealed class CourseSearchTests
{
    private const string Title = "仓储物流实操班";
    private const string EditedTitle = "门店收银实务班";
    private const string Provider = "蓉城职业技能学堂";
    private const string Control = "中式面点入门";

    [Fact]
    public async Task A_course_imported_by_the_cli_is_found_by_title_provider_and_skill_then_edited_and_closed()
    {
        using var dir = new TempDir("employment-course-search");
        using var app = new DirHost(dir.File("data"));
        await app.WaitForIndexesAsync();
        var today = app.Services.GetRequiredService<TimeProvider>().Today();
        var counselor = await app.SignedInAsAsync(Roles.Counselor, ["510104"]);
        var kiosk = app.NewClient();

        await ImportAsync(dir, app.DataDir, today, Title, enrolled: 2);
        // Another process wrote it: found once this host's indexer has read the outbox (within its poll).
        await EventuallyAsync(async () => (await PageAsync(counselor, "/Training?q=" + Q("仓储"))).Contains(Title, StringComparison.Ordinal));
        var byTitle = await PageAsync(counselor, "/Training?q=" + Q("仓储"));
        Assert.DoesNotContain(Control, byTitle, StringComparison.Ordinal);
        Assert.Contains(Title, await PageAsync(counselor, "/Training?q=" + Q(Provider)), StringComparison.Ordinal);
        // 叉车 is in neither the title nor the provider: the course teaches 叉车驾驶 (log.forklift).
        var bySkill = await PageAsync(counselor, "/Training?q=" + Q("叉车"));
        Assert.Contains(Title, bySkill, StringComparison.Ordinal);
        Assert.DoesNotContain(Control, bySkill, StringComparison.Ordinal);
        Assert.Contains(Title, await PageAsync(counselor, "/Training?q=forklift"), StringComparison.Ordinal);
        var atKiosk = await PageAsync(kiosk, "/kiosk/courses?q=" + Q("叉车"));
        Assert.Contains(Title, atKiosk, StringComparison.Ordinal);
        Assert.Contains("余 18 个名额", atKiosk, StringComparison.Ordinal);
        Assert.DoesNotContain(Control, atKiosk, StringComparison.Ordinal);
        // Every write wrote its outbox row in the store.
        Assert.True(Convert.ToInt64(TestStore.Scalar(app.DataDir, "SELECT COUNT(*) FROM \"IndexChanges\" WHERE \"Index\" = 'courses'"), CultureInfo.InvariantCulture) >= 2);

        // Edited by a re-import: the old title no longer finds it, the new one does, the skill still does.
        await ImportAsync(dir, app.DataDir, today, EditedTitle, enrolled: 2);
        await EventuallyAsync(async () => (await PageAsync(counselor, "/Training?q=" + Q("收银"))).Contains(EditedTitle, StringComparison.Ordinal));
        Assert.DoesNotContain(Title, await PageAsync(counselor, "/Training?q=" + Q("仓储")), StringComparison.Ordinal);
        Assert.Contains(EditedTitle, await PageAsync(kiosk, "/kiosk/courses?q=" + Q("叉车")), StringComparison.Ordinal);

        // Every seat taken: no longer open for enrolment (CourseRules.Open), so out of the open results,
        // still in the catalog's "all courses".
        await ImportAsync(dir, app.DataDir, today, EditedTitle, enrolled: 20);
        await EventuallyAsync(async () => !(await PageAsync(counselor, "/Training?q=" + Q("叉车"))).Contains(EditedTitle, StringComparison.Ordinal));
        Assert.Contains(EditedTitle, await PageAsync(counselor, "/Training?all=true&q=" + Q("叉车")), StringComparison.Ordinal);
        var closed = await PageAsync(kiosk, "/kiosk/courses?q=" + Q("叉车"));
        Assert.DoesNotContain(EditedTitle, closed, StringComparison.Ordinal);
        // Not a dead end: other words and every open course at one touch.
        Assert.Contains("href=\"/kiosk/courses\"", closed, StringComparison.Ordinal);
        Assert.Contains("看所有可报名的培训", closed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_started_after_the_changes_catches_up_and_a_new_node_builds_the_index()
    {
        using var dir = new TempDir("employment-course-node");
        var data = dir.File("data");
        DateOnly today;
        using (var first = new DirHost(data))
        {
            await first.WaitForIndexesAsync();
            today = first.Services.GetRequiredService<TimeProvider>().Today();
            await ImportAsync(dir, data, today, Title, enrolled: 2);
            var counselor = await first.SignedInAsAsync(Roles.Counselor, ["510104"]);
            await EventuallyAsync(async () => (await PageAsync(counselor, "/Training?q=" + Q("叉车"))).Contains(Title, StringComparison.Ordinal));
        }

        // While no host runs: the course is edited and another added.
        await ImportAsync(dir, data, today, EditedTitle, enrolled: 2,
            extra: ("C-S3", "家电维修入门", "锦江区社区学院", "trade.appliance"));

        foreach (var indexRoot in new[] { (string?)null, dir.File("second-node-index") })
        {
            using var node = new DirHost(data, indexRoot);
            await node.WaitForIndexesAsync();
            var counselor = await node.SignedInAsAsync(Roles.Counselor, ["510104"]);
            // Ready means caught up: no waiting for a poll.
            var bySkill = await PageAsync(counselor, "/Training?q=" + Q("叉车"));
            Assert.Contains(EditedTitle, bySkill, StringComparison.Ordinal);
            Assert.DoesNotContain(Title, bySkill, StringComparison.Ordinal);
            Assert.Contains("家电维修入门", await PageAsync(counselor, "/Training?q=" + Q("锦江区社区学院")), StringComparison.Ordinal);

            var health = JsonDocument.Parse(await node.NewClient().GetStringAsync("/health")).RootElement;
            var indexes = health.GetProperty("checks").GetProperty("indexes").GetProperty("data");
            Assert.Equal(health.GetProperty("checks").GetProperty("database").GetProperty("data").GetProperty("courses").GetInt32(),
                indexes.GetProperty("courseDocuments").GetInt32());
            Assert.Equal(3, indexes.GetProperty("courseDocuments").GetInt32());
            Assert.Equal(Convert.ToInt64(TestStore.Scalar(data, "SELECT MAX(\"Id\") FROM \"IndexChanges\" WHERE \"Index\" = 'courses'"), CultureInfo.InvariantCulture),
                indexes.GetProperty("courseWatermark").GetInt64());
        }
    }

    /// <summary>The example district with three courses (one a control nobody's words should find), imported by the CLI.</summary>
    private static async Task ImportAsync(TempDir dir, string dataDir, DateOnly today, string title, int enrolled,
        (string Id, string Title, string Provider, string Skill)? extra = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(TestData.ExampleDataset))!;
        var courses = new JsonArray
        {
            Course("C-S1", title, Provider, "log.forklift", today.AddDays(10), seats: 20, enrolled),
            Course("C-S2", Control, "蜀味烹饪职业培训学校", "food.pastry", today.AddDays(12), seats: 20, 0),
        };
        if (extra is { } e)
        {
            courses.Add(Course(e.Id, e.Title, e.Provider, e.Skill, today.AddDays(14), seats: 10, 0));
        }
        json["courses"] = courses;
        var file = dir.File($"courses-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json.ToJsonString());
        var import = await CliRunner.RunAsync("import", "--dataset", file, "--DataDir", dataDir);
        Assert.True(import.ExitCode == 0, import.StdErr);
    }

    private static JsonObject Course(string id, string title, string provider, string skill, DateOnly start, int seats, int enrolled) => new()
    {
        ["id"] = id,
        ["title"] = title,
        ["provider"] = provider,
        ["skills"] = new JsonArray { new JsonObject { ["code"] = skill, ["level"] = 1 } },
        ["startDate"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["endDate"] = start.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["hoursPerWeek"] = 12,
        ["seats"] = seats,
        ["enrolled"] = enrolled,
        ["remote"] = true,
        ["subsidized"] = true,
    };

    private static string Q(string text) => Uri.EscapeDataString(text);

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls: a change by another process is read within the indexer's 5-second poll; the bound is for a loaded machine.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the change did not reach the course index");
            await Task.Delay(100);
        }
    }

    /// <summary>The host on a data directory the test owns (so another host can start on it after), optionally with its own index folder (another node).</summary>
    private sealed class DirHost(string dataDir, string? indexRoot = null) : AppFactory(demo: false)
    {
        public new string DataDir => dataDir;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DataDir", dataDir);
            TestStore.Use(builder, dataDir);
            if (indexRoot is not null)
            {
                builder.UseSetting("Search:IndexRoot", indexRoot);
            }
            builder.UseSetting("Kiosk:PermitsPerMinute", "100000");
            builder.UseSetting("RateLimits:PerMinute", "100000");
        }
    }
}
