using System.Text.Json.Nodes;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Taxonomy;
using Employment.Tests.Infrastructure;

namespace Employment.Tests.Foundation;

/// <summary>`employment import` and `export` as an operator runs them, on a real data directory.</summary>
[BothStores]
public sealed class ImportExportCliTests
{
    [Fact]
    public async Task Import_of_the_example_dataset_into_an_empty_data_directory_writes_everything()
    {
        using var dir = new TempDir();
        var dataDir = dir.File("data");

        var result = await CliRunner.RunAsync("import", "--dataset", TestData.ExampleDataset, "--DataDir", dataDir);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Equal(5, Count(dataDir, "Positions"));
        Assert.Equal(3, Count(dataDir, "Households"));
        Assert.Equal(3, Count(dataDir, "Persons"));
        Assert.Equal(3, Count(dataDir, "Employers"));
    }

    [Fact]
    public async Task A_broken_dataset_names_every_error_exits_2_and_writes_nothing()
    {
        using var dir = new TempDir();
        var dataDir = dir.File("data");
        var json = JsonNode.Parse(File.ReadAllText(TestData.ExampleDataset))!;
        json["positions"]![0]!["requiredSkills"]![0] = "clean.nonexistent";
        json["households"]![1]!["members"]![0]!["id"] = "S-1";
        json["households"]![2]!["members"]![0]!["idNumber"] = "510104197403151230";
        var broken = dir.File("broken.json");
        File.WriteAllText(broken, json.ToJsonString());

        var result = await CliRunner.RunAsync("import", "--dataset", broken, "--DataDir", dataDir);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Contains("position P-1", result.StdErr);
        Assert.Contains("requiredSkills[0]", result.StdErr);
        Assert.Contains("clean.nonexistent", result.StdErr);
        Assert.Contains("S-1", result.StdErr);
        Assert.Contains("household H-2", result.StdErr);
        Assert.Contains("person S-3", result.StdErr);
        Assert.Contains("idNumber", result.StdErr);
        Assert.False(File.Exists(Path.Combine(dataDir, "employment.db")), "a refused import must not even create the database");
    }

    [Fact]
    public async Task A_conflict_with_the_database_is_refused_and_leaves_it_as_it_was()
    {
        using var dir = new TempDir();
        var dataDir = dir.File("data");
        Assert.Equal(0, (await CliRunner.RunAsync("import", "--dataset", TestData.ExampleDataset, "--DataDir", dataDir)).ExitCode);

        // S-1 moves to a new household H-9, and the file also changes a position's wage: the
        // conflict must stop the whole file, wage change included.
        var json = JsonNode.Parse(File.ReadAllText(TestData.ExampleDataset))!;
        json["households"]![0]!["id"] = "H-9";
        json["positions"]![0]!["monthlyWage"] = 9999;
        var moved = dir.File("moved.json");
        File.WriteAllText(moved, json.ToJsonString());

        var result = await CliRunner.RunAsync("import", "--dataset", moved, "--DataDir", dataDir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("person S-1 (household H-9), id: already belongs to household H-1", result.StdErr);
        Assert.Equal(3, Count(dataDir, "Households"));
        Assert.Equal(2100m, Convert.ToDecimal(Scalar(dataDir, "SELECT \"MonthlyWage\" FROM \"Positions\" WHERE \"Id\" = 'P-1'"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_duplicates_nothing_and_queues_no_index_work()
    {
        using var dir = new TempDir();
        var dataDir = dir.File("data");
        Assert.Equal(0, (await CliRunner.RunAsync("import", "--dataset", TestData.ExampleDataset, "--DataDir", dataDir)).ExitCode);
        var outboxAfterFirst = Count(dataDir, "IndexChanges");
        var historyAfterFirst = Count(dataDir, "PositionHistory");

        var second = await CliRunner.RunAsync("import", "--dataset", TestData.ExampleDataset, "--DataDir", dataDir);

        Assert.Equal(0, second.ExitCode);
        // Only real changes count: the README says an unchanged file changes nothing, and the summary agrees.
        Assert.Contains("(0 new, 0 updated)", second.StdErr);
        Assert.Equal(5, Count(dataDir, "Positions"));
        Assert.Equal(3, Count(dataDir, "Persons"));
        Assert.Equal(outboxAfterFirst, Count(dataDir, "IndexChanges"));
        Assert.Equal(historyAfterFirst, Count(dataDir, "PositionHistory"));

        // One wage changed: one record updated.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(TestData.ExampleDataset))!;
        json["positions"]![0]!["monthlyWage"] = 2999;
        var changed = dir.File("changed.json");
        File.WriteAllText(changed, json.ToJsonString());
        var third = await CliRunner.RunAsync("import", "--dataset", changed, "--DataDir", dataDir);
        Assert.Contains("(0 new, 1 updated)", third.StdErr);
    }

    [Fact]
    public async Task Export_then_import_gives_back_an_equivalent_dataset()
    {
        using var dir = new TempDir();
        var first = dir.File("first");
        var second = dir.File("second");
        Assert.Equal(0, (await CliRunner.RunAsync("import", "--dataset", TestData.ExampleDataset, "--DataDir", first)).ExitCode);
        var exported = dir.File("exported.json");
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--dataset", exported, "--DataDir", first)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("import", "--dataset", exported, "--DataDir", second)).ExitCode);
        var again = dir.File("again.json");
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--dataset", again, "--DataDir", second)).ExitCode);

        // The export is the original, canonicalised: same records, same values.
        Assert.Equal(Canonical(TestData.ExampleDataset), Canonical(exported));
        Assert.Equal(File.ReadAllText(exported), File.ReadAllText(again));
    }

    private static string Canonical(string path)
    {
        var result = DatasetReader.ReadFile(path, Taxonomy.Embedded, new DateOnly(2026, 11, 24));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var dataset = result.Dataset!;
        dataset.Employers.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        dataset.Positions.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        dataset.Households.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return DatasetWriter.ToJson(dataset);
    }

    private static long Count(string dataDir, string table) => Convert.ToInt64(Scalar(dataDir, $"SELECT COUNT(*) FROM \"{table}\""));

    private static object? Scalar(string dataDir, string sql) => TestStore.Scalar(dataDir, sql);
}
