using System.Text.Json;
using Employment.Core.Reports;
using Employment.Tests.Infrastructure;

namespace Employment.Tests.Reports;

/// <summary>`employment report` as an operator runs it, on a data directory the CLI imported into.</summary>
[BothStores]
public sealed class ReportCliTests
{
    private static readonly string[] RequiredKeys =
        ["quarter", "households", "dibaoHouseholds", "zeroEmploymentHouseholds", "placements", "exitCandidates", "exitRate"];

    // The CLI reports on the real clock: ask for the quarter running now.
    private static string CurrentQuarter => Quarter.Of(DateOnly.FromDateTime(DateTime.UtcNow)).ToString();

    private static async Task<string> ImportedAsync(TempDir dir)
    {
        var dataDir = dir.File("data");
        var import = await CliRunner.RunAsync("import", "--dataset", TestData.ExampleDataset, "--DataDir", dataDir);
        Assert.Equal(0, import.ExitCode);
        return dataDir;
    }

    [Fact]
    public async Task Json_is_one_object_with_the_district_figures_a_streets_array_of_the_same_and_definitions()
    {
        using var dir = new TempDir();
        var dataDir = await ImportedAsync(dir);

        var result = await CliRunner.RunAsync("report", "--quarter", CurrentQuarter, "--format", "json", "--DataDir", dataDir);

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        var root = doc.RootElement;
        foreach (var key in RequiredKeys)
        {
            Assert.True(root.TryGetProperty(key, out _), $"district object lacks {key}");
        }
        Assert.Equal(CurrentQuarter, root.GetProperty("quarter").GetString());
        Assert.Equal(3, root.GetProperty("households").GetInt32());
        Assert.Equal(1, root.GetProperty("dibaoHouseholds").GetInt32());
        Assert.Equal(0, root.GetProperty("placements").GetInt32());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("exitRate").ValueKind);
        // The running program's figures (issue 17): nothing expired, no subsidy, and no answer yet, so no average.
        Assert.Equal(0, root.GetProperty("referralsExpired").GetInt32());
        Assert.Equal(0m, root.GetProperty("subsidyCommitted").GetDecimal());
        Assert.Equal(0m, root.GetProperty("subsidySpent").GetDecimal());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("satisfactionAverage").ValueKind);
        var streets = root.GetProperty("streets").EnumerateArray().ToList();
        Assert.Equal(11, streets.Count);
        foreach (var street in streets)
        {
            foreach (var key in RequiredKeys)
            {
                Assert.True(street.TryGetProperty(key, out _), $"street {street.GetProperty("code")} lacks {key}");
            }
        }
        var unassigned = root.TryGetProperty("unassigned", out var u) ? u.GetProperty("households").GetInt32() : 0;
        Assert.Equal(3, streets.Sum(s => s.GetProperty("households").GetInt32()) + unassigned);
        var definitions = root.GetProperty("definitions");
        foreach (var key in FigureKeys.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(definitions.GetProperty(key).GetString()));
        }
        // Chinese unless asked otherwise.
        Assert.Contains("低保", definitions.GetProperty("dibaoHouseholds").GetString());
    }

    [Fact]
    public async Task Csv_has_one_line_per_scope_and_figure_with_the_definition_in_english_on_request()
    {
        using var dir = new TempDir();
        var dataDir = await ImportedAsync(dir);

        var result = await CliRunner.RunAsync("report", "--quarter", CurrentQuarter, "--format", "csv", "--lang", "en", "--DataDir", dataDir);

        Assert.Equal(0, result.ExitCode);
        var rows = ReportExportTests.ReadCsv(result.StdOut);
        Assert.Equal(ReportCsv.Header, rows.Header);
        var district = rows.Lines.Where(r => r["scopeCode"] == "510104").ToDictionary(r => r["figure"], r => r);
        Assert.Equal("3", district["households"]["value"]);
        Assert.StartsWith("Households registered", district["households"]["definition"]);
        Assert.Contains("zeroEmploymentTrend." + CurrentQuarter, district.Keys);
        Assert.Equal(12, rows.Lines.Select(r => r["scopeCode"]).Distinct().Count() - (rows.Lines.Any(r => r["scopeCode"] == "") ? 1 : 0));
    }

    [Theory]
    [InlineData("2026Q5", "is not a quarter")]
    [InlineData("Q4-2026", "is not a quarter")]
    [InlineData("2999Q1", "year must be between")]
    public async Task A_bad_quarter_exits_2_with_a_clear_message_and_prints_nothing(string quarter, string message)
    {
        using var dir = new TempDir();

        var result = await CliRunner.RunAsync("report", "--quarter", quarter, "--DataDir", dir.File("data"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Contains("--quarter", result.StdErr);
        Assert.Contains(message, result.StdErr);
    }

    [Fact]
    public async Task A_quarter_that_has_not_begun_and_an_unknown_format_exit_2()
    {
        using var dir = new TempDir();
        var next = Quarter.Parse(CurrentQuarter).Next().ToString();

        var future = await CliRunner.RunAsync("report", "--quarter", next, "--DataDir", dir.File("data"));
        var format = await CliRunner.RunAsync("report", "--quarter", CurrentQuarter, "--format", "xml", "--DataDir", dir.File("data"));

        Assert.Equal(2, future.ExitCode);
        Assert.Contains("has not started", future.StdErr);
        Assert.Equal(2, format.ExitCode);
        Assert.Contains("--format", format.StdErr);
        Assert.Equal("", future.StdOut + format.StdOut);
    }
}
