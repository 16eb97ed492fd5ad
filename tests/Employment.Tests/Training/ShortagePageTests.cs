using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Tests.Counselor;
using Employment.Tests.Infrastructure;
using Employment.Tests.Reports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Training;

/// <summary>The contract's example-training.json on the real host (its day 2026-12-01), two of its records placed in real streets.</summary>
public sealed class TrainingAppFactory() : AppFactory(demo: false)
{
    public const string Street = "510104017";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(FixedClock.On(new DateOnly(2026, 12, 1))));
    }

    public async Task<TrainingAppFactory> ReadyAsync()
    {
        await _ready.WaitAsync();
        try
        {
            if (!_filled)
            {
                var json = JsonNode.Parse(File.ReadAllText(TestData.Path("example-training.json")))!;
                json["households"]![0]!["location"]!["divisionCode"] = Street;
                json["positions"]![0]!["location"]!["divisionCode"] = Street;
                using var scope = Services.CreateScope();
                var dataset = DatasetReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())),
                    Core.Taxonomy.Taxonomy.Embedded, new DateOnly(2026, 12, 1)).EnsureValid();
                await scope.ServiceProvider.GetRequiredService<DatasetImporter>().ImportAsync(dataset);
                _filled = true;
            }
        }
        finally
        {
            _ready.Release();
        }
        return this;
    }

    private readonly SemaphoreSlim _ready = new(1, 1);
    private bool _filled;
}

[BothStores]
public sealed class ShortagePageTests(TrainingAppFactory app) : IClassFixture<TrainingAppFactory>
{
    [Fact]
    public async Task The_page_shows_the_contracts_demand_and_supply_per_district_and_street_with_the_courses_teaching_each()
    {
        await app.ReadyAsync();
        var client = await app.SignedInAsAsync(Roles.Admin);

        var html = await CounselorHost.HtmlAsync(await client.GetAsync("/Training/Shortages"));

        var district = Section(html, "scope-district");
        Assert.Contains(Row("cs.online", 5, 1), Squeeze(district));
        Assert.Contains(Row("care.elder", 2, 0), Squeeze(district));
        Assert.Contains(Row("prop.parking", 0, 0), Squeeze(district));
        // C-1 teaches care.elder and has seats; C-6 does too but began before the day.
        var careRow = district[district.IndexOf("data-skill=\"care.elder\"", StringComparison.Ordinal)..];
        careRow = careRow[..careRow.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("/Training/Course/C-1", careRow);
        Assert.DoesNotContain("/Training/Course/C-6", careRow);

        // The street holds P-1 (clean.basic, 3 places) and S-1, who holds clean.basic.
        var street = Squeeze(Section(html, "scope-" + TrainingAppFactory.Street));
        Assert.Contains(Row("clean.basic", 3, 1), street);
        Assert.DoesNotContain("data-skill=\"cs.online\"", street);
    }

    [Fact]
    public async Task The_csv_has_a_line_per_scope_and_skill()
    {
        await app.ReadyAsync();
        var client = await app.SignedInAsAsync(Roles.Counselor, areas: [TrainingAppFactory.Street]);

        var response = await client.GetAsync("/Training/Shortages?handler=Csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("asOf,scopeCode,scope,skill,skillName,demand,supply,gap,courses", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("2026-12-01,,", StringComparison.Ordinal) && l.Contains(",care.elder,", StringComparison.Ordinal) && l.EndsWith(",2,0,2,C-1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2026-12-01," + TrainingAppFactory.Street + ",", StringComparison.Ordinal) && l.Contains(",clean.basic,", StringComparison.Ordinal) && l.EndsWith(",3,1,2,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_workbook_has_the_csvs_lines_under_keys_and_labels_in_the_readers_language()
    {
        await app.ReadyAsync();
        var client = await app.SignedInAsAsync(Roles.Counselor, areas: [TrainingAppFactory.Street]);

        var response = await client.GetAsync("/Training/Shortages?handler=Xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(["技能缺口", "说明"], MiniExcelLibs.MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "技能缺口")
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("需求（空缺）", rows[0]["demand"]);
        static bool Is(IDictionary<string, object?> row, string scope, string skill, int demand, int supply, int gap, string courses) =>
            Convert.ToString(row["scopeCode"], CultureInfo.InvariantCulture) == scope && (string?)row["skill"] == skill && Convert.ToInt32(row["demand"], CultureInfo.InvariantCulture) == demand
            && Convert.ToInt32(row["supply"], CultureInfo.InvariantCulture) == supply && Convert.ToInt32(row["gap"], CultureInfo.InvariantCulture) == gap
            && Convert.ToString(row["courses"], CultureInfo.InvariantCulture) == courses;
        Assert.Contains(rows.Skip(1), r => Is(r, "", "care.elder", 2, 0, 2, "C-1"));
        Assert.Contains(rows.Skip(1), r => Is(r, TrainingAppFactory.Street, "clean.basic", 3, 1, 2, ""));
        // The same lines as the CSV, one per scope and skill.
        var csv = (await (await client.GetAsync("/Training/Shortages?handler=Csv")).Content.ReadAsStringAsync()).TrimStart('\uFEFF')
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        Assert.Equal(csv, rows.Count - 1);
    }

    [Fact]
    public async Task Employers_and_anonymous_visitors_do_not_see_it()
    {
        await app.ReadyAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await app.NewClient().GetAsync("/Training/Shortages")).StatusCode);
        var employer = await app.SignedInAsAsync(Roles.Employer, employerId: "E-2");
        Assert.NotEqual(HttpStatusCode.OK, (await employer.GetAsync("/Training/Shortages")).StatusCode);
    }

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static string Squeeze(string html) => System.Text.RegularExpressions.Regex.Replace(html, @"\s+", "");

    private static string Row(string skill, int demand, int supply) =>
        $"data-skill=\"{skill}\"><td>{Core.Taxonomy.Taxonomy.Embedded.Find(skill)!.Name(false)}</td><tdclass=\"num\">{demand}</td><tdclass=\"num\">{supply}</td><tdclass=\"num\">{demand - supply}</td>";
}

/// <summary>The training figures of the outcome report, from enrolments and a hire made through the real desks.</summary>
[BothStores]
public sealed class TrainingFigureTests(TrainingAppFactory app) : IClassFixture<TrainingAppFactory>
{
    [Fact]
    public async Task Trained_people_completion_rate_and_placed_within_90_days_count_what_they_say()
    {
        await app.ReadyAsync();
        using var scope = app.Services.CreateScope();
        var desk = scope.ServiceProvider.GetRequiredService<Core.Training.TrainingDesk>();
        var referrals = scope.ServiceProvider.GetRequiredService<Core.Counseling.ReferralDesk>();
        var reports = scope.ServiceProvider.GetRequiredService<Core.Reports.OutcomeReports>();
        var quarter = Core.Reports.Quarter.Of(new DateOnly(2026, 12, 1));
        var before = (await reports.ForQuarterAsync(quarter)).District;

        var completed = await desk.EnrolAsync("S-1", "C-4", "test");
        await desk.CompleteAsync(completed.Id, "test");
        var dropped = await desk.EnrolAsync("S-3", "C-4", "test");
        await desk.DropOutAsync(dropped.Id, "搬家", "test");
        // S-1 (trained today) is hired today: within 90 days of completing.
        var referral = await referrals.ReferAsync(new Core.Counseling.ReferralInput("S-1", "P-1", Consent: true), "test");
        await referrals.HireAsync(referral.Id, new DateOnly(2026, 12, 1), null, "test");

        var after = (await reports.ForQuarterAsync(quarter)).District;
        Assert.Equal(before.PeopleTrained + 1, after.PeopleTrained);
        Assert.Equal(before.TrainedPlacedWithin90Days + 1, after.TrainedPlacedWithin90Days);
        Assert.Equal(0.5, after.TrainingCompletionRate);
        var lines = Core.Reports.ReportLines.Of(after, System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), scope.ServiceProvider
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Reports.OutcomeOptions>>().Value).ToList();
        Assert.Contains(lines, l => l.Key == "peopleTrained" && l.Label == "本季度培训结业人数" && l.Definition.Length > 10);
    }
}
