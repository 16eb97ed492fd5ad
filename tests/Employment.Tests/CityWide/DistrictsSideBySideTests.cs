using System.Text.Json;
using System.Text.Json.Nodes;
using Employment.Core.Reports;
using Employment.Tests.Infrastructure;

namespace Employment.Tests.CityWide;

/// <summary>
/// Several districts in one store (interchange.md): the example dataset imported as 锦江区 (510104)
/// and, with the same ids and other values, as 青羊区 (510105), through the real `employment` program.
/// </summary>
[BothStores]
public sealed class DistrictsSideBySideTests
{
    private static string CurrentQuarter => Quarter.Of(DateOnly.FromDateTime(DateTime.UtcNow)).ToString();

    /// <summary>The example with the second district's region, its own division codes and one household fewer.</summary>
    private static string Qingyang(TempDir dir, decimal firstWage = 1800, string name = "qingyang.json")
    {
        var json = JsonNode.Parse(File.ReadAllText(TestData.ExampleDataset))!;
        json["region"] = new JsonObject { ["name"] = "成都市青羊区", ["divisionCode"] = "510105", ["dibaoLine"] = 600, ["edgeLine"] = 900 };
        json["positions"]![0]!["monthlyWage"] = firstWage;
        json["households"]!.AsArray().RemoveAt(2);
        foreach (var location in Locations(json))
        {
            location.Remove("divisionCode");
        }
        var path = dir.File(name);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private static IEnumerable<JsonObject> Locations(JsonNode json) =>
        json["positions"]!.AsArray().Concat(json["households"]!.AsArray())
            .Concat(json["households"]!.AsArray().SelectMany(h => h!["members"]!.AsArray()))
            .Select(x => x!["location"]).OfType<JsonObject>();

    private static async Task<string> TwoDistrictsAsync(TempDir dir)
    {
        var dataDir = dir.File("data");
        Assert.Equal(0, (await CliRunner.RunAsync("import", "--dataset", TestData.ExampleDataset, "--DataDir", dataDir)).ExitCode);
        var second = await CliRunner.RunAsync("import", "--dataset", Qingyang(dir), "--DataDir", dataDir);
        Assert.True(second.ExitCode == 0, second.StdErr);
        return dataDir;
    }

    [Fact]
    public async Task Two_districts_with_the_same_ids_import_side_by_side_and_export_each_as_it_came()
    {
        using var dir = new TempDir();
        var dataDir = await TwoDistrictsAsync(dir);

        Assert.Equal(5, Scalar(dataDir, "SELECT COUNT(*) FROM \"Households\""));
        Assert.Equal(2, Scalar(dataDir, "SELECT COUNT(*) FROM \"Regions\""));
        // 锦江区's P-1 kept its wage; 青羊区's P-1 is a record of its own.
        Assert.Equal(2100d, Scalar(dataDir, "SELECT \"MonthlyWage\" FROM \"Positions\" WHERE \"Id\" = 'P-1'"));
        Assert.Equal(1800d, Scalar(dataDir, "SELECT \"MonthlyWage\" FROM \"Positions\" WHERE \"Id\" = '510105~P-1'"));

        var jinjiang = dir.File("jinjiang-out.json");
        var qingyang = dir.File("qingyang-out.json");
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--dataset", jinjiang, "--district", "510104", "--DataDir", dataDir)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--dataset", qingyang, "--district", "510105", "--DataDir", dataDir)).ExitCode);

        var j = JsonNode.Parse(File.ReadAllText(jinjiang))!;
        var q = JsonNode.Parse(File.ReadAllText(qingyang))!;
        Assert.Equal("510104", (string?)j["region"]!["divisionCode"]);
        Assert.Equal("510105", (string?)q["region"]!["divisionCode"]);
        Assert.Equal(600m, (decimal)q["region"]!["dibaoLine"]!);
        Assert.Equal(["H-1", "H-2", "H-3"], j["households"]!.AsArray().Select(h => (string)h!["id"]!));
        Assert.Equal(["H-1", "H-2"], q["households"]!.AsArray().Select(h => (string)h!["id"]!));
        Assert.Equal(1800m, (decimal)q["positions"]!.AsArray().Single(p => (string?)p!["id"] == "P-1")!["monthlyWage"]!);
        Assert.Equal("E-1", (string?)q["positions"]![0]!["employerId"]);
        Assert.All(q["households"]!.AsArray().SelectMany(h => h!["members"]!.AsArray()), m => Assert.DoesNotContain("~", (string)m!["id"]!));
    }

    [Fact]
    public async Task Re_importing_one_district_leaves_the_other_districts_export_byte_identical()
    {
        using var dir = new TempDir();
        var dataDir = await TwoDistrictsAsync(dir);
        var before = dir.File("jinjiang-before.json");
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--dataset", before, "--district", "510104", "--DataDir", dataDir)).ExitCode);

        // 青羊区 again, with a changed wage for its P-1 (锦江区 has a P-1 too).
        var changed = await CliRunner.RunAsync("import", "--dataset", Qingyang(dir, firstWage: 2500, name: "qingyang-2.json"), "--DataDir", dataDir);
        Assert.Equal(0, changed.ExitCode);
        var after = dir.File("jinjiang-after.json");
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--dataset", after, "--district", "510104", "--DataDir", dataDir)).ExitCode);

        Assert.Equal(File.ReadAllBytes(before), File.ReadAllBytes(after));
        Assert.Equal(2500d, Scalar(dataDir, "SELECT \"MonthlyWage\" FROM \"Positions\" WHERE \"Id\" = '510105~P-1'"));
        Assert.Equal(2100d, Scalar(dataDir, "SELECT \"MonthlyWage\" FROM \"Positions\" WHERE \"Id\" = 'P-1'"));
    }

    [Fact]
    public async Task Re_importing_the_first_district_leaves_the_second_districts_export_byte_identical()
    {
        using var dir = new TempDir();
        var dataDir = await TwoDistrictsAsync(dir);
        var before = dir.File("qingyang-before.json");
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--dataset", before, "--district", "510105", "--DataDir", dataDir)).ExitCode);

        // 锦江区 (the store's first district, whose keys are the plain ids) again, with its P-1 paid more.
        var json = JsonNode.Parse(File.ReadAllText(TestData.ExampleDataset))!;
        json["positions"]![0]!["monthlyWage"] = 3100;
        var file = dir.File("jinjiang-2.json");
        File.WriteAllText(file, json.ToJsonString());
        var changed = await CliRunner.RunAsync("import", "--dataset", file, "--DataDir", dataDir);
        Assert.True(changed.ExitCode == 0, changed.StdErr);
        var after = dir.File("qingyang-after.json");
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--dataset", after, "--district", "510105", "--DataDir", dataDir)).ExitCode);

        Assert.Equal(File.ReadAllBytes(before), File.ReadAllBytes(after));
        Assert.Equal(3100d, Scalar(dataDir, "SELECT \"MonthlyWage\" FROM \"Positions\" WHERE \"Id\" = 'P-1'"));
        Assert.Equal(1800d, Scalar(dataDir, "SELECT \"MonthlyWage\" FROM \"Positions\" WHERE \"Id\" = '510105~P-1'"));
    }

    [Fact]
    public async Task Export_without_a_district_names_the_choices_when_the_store_holds_several()
    {
        using var dir = new TempDir();
        var dataDir = await TwoDistrictsAsync(dir);
        var file = dir.File("out.json");

        var result = await CliRunner.RunAsync("export", "--dataset", file, "--DataDir", dataDir);
        var unknown = await CliRunner.RunAsync("export", "--dataset", file, "--district", "510199", "--DataDir", dataDir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--district", result.StdErr);
        Assert.Contains("510104", result.StdErr);
        Assert.Contains("510105", result.StdErr);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("510199", unknown.StdErr);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Per_district_reports_count_their_own_households_and_the_city_has_a_row_per_district()
    {
        using var dir = new TempDir();
        var dataDir = await TwoDistrictsAsync(dir);

        var jinjiang = await ReportAsync(dataDir, "--district", "510104");
        var qingyang = await ReportAsync(dataDir, "--district", "510105");
        var city = await ReportAsync(dataDir);

        Assert.Equal(3, jinjiang.GetProperty("households").GetInt32());
        Assert.Equal(11, jinjiang.GetProperty("streets").GetArrayLength());
        Assert.Equal(500m, jinjiang.GetProperty("lines").GetProperty("dibaoLine").GetDecimal());
        Assert.Equal(2, qingyang.GetProperty("households").GetInt32());
        Assert.Equal("成都市青羊区", qingyang.GetProperty("name").GetString());
        Assert.Equal(900m, qingyang.GetProperty("lines").GetProperty("edgeLine").GetDecimal());
        Assert.Equal(5, city.GetProperty("households").GetInt32());
        var rows = city.GetProperty("districts").EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("households").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["510104"] = 3, ["510105"] = 2 }, rows);
        var unknown = await CliRunner.RunAsync("report", "--quarter", CurrentQuarter, "--district", "510199", "--DataDir", dataDir);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("510199", unknown.StdErr);
    }

    [Fact]
    public async Task A_person_moving_between_households_is_still_refused_within_a_district_but_the_same_id_elsewhere_is_not_a_move()
    {
        using var dir = new TempDir();
        var dataDir = await TwoDistrictsAsync(dir);
        // 青羊区's S-3 joins its H-1: a move within 青羊区? No: 青羊区 has no S-3 (its H-3 was left out), so it is new there.
        var json = JsonNode.Parse(File.ReadAllText(Qingyang(dir)))!;
        json["households"]![0]!["members"]!.AsArray().Add(JsonNode.Parse("""{"id":"S-3","name":"新成员","age":30,"laborCapacity":"full"}"""));
        var addition = dir.File("addition.json");
        File.WriteAllText(addition, json.ToJsonString());
        var added = await CliRunner.RunAsync("import", "--dataset", addition, "--DataDir", dataDir);
        Assert.True(added.ExitCode == 0, added.StdErr);

        // Now moving it to H-2 within 青羊区 is a move, refused with the district's own ids.
        var moved = JsonNode.Parse(File.ReadAllText(addition))!;
        moved["households"]![0]!["members"]!.AsArray().RemoveAt(moved["households"]![0]!["members"]!.AsArray().Count - 1);
        moved["households"]![1]!["members"]!.AsArray().Add(JsonNode.Parse("""{"id":"S-3","name":"新成员","age":30,"laborCapacity":"full"}"""));
        var movedFile = dir.File("moved.json");
        File.WriteAllText(movedFile, moved.ToJsonString());
        var refused = await CliRunner.RunAsync("import", "--dataset", movedFile, "--DataDir", dataDir);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("person S-3 (household H-2), id: already belongs to household H-1", refused.StdErr);
        Assert.Equal(6, Scalar(dataDir, "SELECT COUNT(*) FROM \"Persons\""));
    }

    private static async Task<JsonElement> ReportAsync(string dataDir, params string[] more)
    {
        var result = await CliRunner.RunAsync(["report", "--quarter", CurrentQuarter, "--format", "json", "--DataDir", dataDir, .. more]);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return JsonDocument.Parse(result.StdOut).RootElement.Clone();
    }

    private static double Scalar(string dataDir, string sql) =>
        Convert.ToDouble(TestStore.Scalar(dataDir, sql), System.Globalization.CultureInfo.InvariantCulture);
}
