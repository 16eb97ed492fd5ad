using System.Text.Json;
using System.Text.Json.Nodes;
using Employment.Tests.Infrastructure;

namespace Employment.Tests.Engine;

/// <summary>`employment match` exactly as ../shared/contracts/interchange.md describes it.</summary>
public sealed class MatchCliTests
{
    private const string AsOf = "2026-11-24";

    [Fact]
    public async Task Seeker_answers_one_line_of_ranked_explained_results()
    {
        var result = await CliRunner.RunAsync("match", "--dataset", TestData.ExampleDataset, "--seeker", "S-1", "--as-of", AsOf);

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.StdOut);
        var line = Assert.Single(lines);
        Assert.Equal("S-1", line.GetProperty("seeker").GetString());
        Assert.Equal(AsOf, line.GetProperty("asOf").GetString());
        var results = line.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.Equal("P-1", results[0].GetProperty("position").GetString());
        AssertRankedAndExplained(results);
        // P-4 is full (filled == headcount): rule 1 keeps it out whatever its score.
        Assert.DoesNotContain(results, r => r.GetProperty("position").GetString() == "P-4");
    }

    [Fact]
    public async Task Remote_positions_have_a_null_distance_and_limits_keep_out_demanding_work()
    {
        var result = await CliRunner.RunAsync("match", "--dataset", TestData.ExampleDataset, "--seeker", "S-2", "--as-of", AsOf, "--lang", "en");

        var results = Assert.Single(Lines(result.StdOut)).GetProperty("results").EnumerateArray().ToList();
        var remote = Assert.Single(results, r => r.GetProperty("position").GetString() == "P-2");
        Assert.Equal(JsonValueKind.Null, remote.GetProperty("distanceKm").ValueKind);
        // S-2 cannot stand or walk long (P-1, P-3) and needs step-free access (P-3 offers none).
        Assert.DoesNotContain(results, r => r.GetProperty("position").GetString() is "P-1" or "P-3");
        Assert.Contains(remote.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("Remote", StringComparison.Ordinal));
    }

    [Fact]
    public async Task All_seekers_answers_one_line_per_person_and_position_answers_candidates()
    {
        var all = await CliRunner.RunAsync("match", "--dataset", TestData.ExampleDataset, "--all-seekers", "--as-of", AsOf, "--top", "2");
        var byPosition = await CliRunner.RunAsync("match", "--dataset", TestData.ExampleDataset, "--position", "P-2", "--as-of", AsOf);

        Assert.Equal(0, all.ExitCode);
        var lines = Lines(all.StdOut);
        Assert.Equal(["S-1", "S-2", "S-3"], lines.Select(l => l.GetProperty("seeker").GetString()));
        Assert.All(lines, l => Assert.True(l.GetProperty("results").GetArrayLength() <= 2));

        var line = Assert.Single(Lines(byPosition.StdOut));
        Assert.Equal("P-2", line.GetProperty("position").GetString());
        var candidates = line.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("S-2", candidates[0].GetProperty("seeker").GetString());
        AssertRankedAndExplained(candidates);
    }

    [Fact]
    public async Task As_of_applies_valid_until()
    {
        // P-5 is open until 2026-12-31: on the first day of 2027 it is gone.
        var before = await CliRunner.RunAsync("match", "--dataset", TestData.ExampleDataset, "--seeker", "S-2", "--as-of", "2026-12-31");
        var after = await CliRunner.RunAsync("match", "--dataset", TestData.ExampleDataset, "--seeker", "S-2", "--as-of", "2027-01-01");

        Assert.Contains("\"P-5\"", before.StdOut);
        Assert.DoesNotContain("\"P-5\"", after.StdOut);
    }

    [Fact]
    public async Task A_broken_dataset_is_refused_with_exit_2_and_nothing_on_stdout()
    {
        using var dir = new TempDir();
        var json = JsonNode.Parse(File.ReadAllText(TestData.ExampleDataset))!;
        json["positions"]![1]!["demands"]![0] = "juggling";
        var broken = dir.File("broken.json");
        File.WriteAllText(broken, json.ToJsonString());

        var result = await CliRunner.RunAsync("match", "--dataset", broken, "--seeker", "S-1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Contains("position P-2, demands[0]", result.StdErr);
    }

    [Fact]
    public async Task The_demo_district_matches_through_the_same_command()
    {
        var demo = Path.Combine(RepoRoot(), "seed-data", "demo-district.json");

        var result = await CliRunner.RunAsync("match", "--dataset", demo, "--position", "P-0001", "--as-of", AsOf, "--top", "5");

        Assert.Equal(0, result.ExitCode);
        var results = Assert.Single(Lines(result.StdOut)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(5, results.Count);
        AssertRankedAndExplained(results);
    }

    private static void AssertRankedAndExplained(List<JsonElement> results)
    {
        var scores = results.Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.All(results, r => Assert.NotEmpty(r.GetProperty("reasons").EnumerateArray()));
    }

    private static List<JsonElement> Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Employment.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("the repository root is not above the test output");
    }
}
