using System.Text.Json;
using Employment.Tests.Engine;
using Employment.Tests.Infrastructure;

namespace Employment.Tests.Search;

/// <summary>
/// `employment search` on the demo district, as the contract and issue 13 ask: a Chinese word, its
/// pinyin, its English and a near-miss all find the same kind of work, and only that, among the
/// first ten. Which positions are "cleaning" or "security" is read from the dataset itself (title
/// words and required skills), not from the engine.
/// </summary>
public sealed class SearchCliTests
{
    private const string AsOf = "2026-12-04";

    private static readonly Lazy<Dataset> Demo = new(Dataset.Load);

    [Theory]
    [InlineData("保洁", null)]
    [InlineData("baojie", null)]
    [InlineData("cleaner", null)]
    [InlineData("保结", "保洁")]
    public async Task Cleaning_words_find_cleaning_positions_and_nothing_else(string query, string? didYouMean) =>
        await AssertFinds(query, didYouMean, Demo.Value.Cleaning);

    [Theory]
    [InlineData("保安", null)]
    [InlineData("baoan", null)]
    [InlineData("security", null)]
    [InlineData("报安", "保安")]
    public async Task Security_words_find_security_positions_and_nothing_else(string query, string? didYouMean) =>
        await AssertFinds(query, didYouMean, Demo.Value.Security);

    [Fact]
    public async Task A_query_that_finds_nothing_says_so_and_the_output_keeps_the_contract_shape()
    {
        var result = await Search("zzzzqqq");
        Assert.Equal(0, result.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("didYouMean").ValueKind);
        Assert.Empty(result.GetProperty("results").EnumerateArray());
        Assert.Equal(AsOf, result.GetProperty("asOf").GetString());
        Assert.Equal("zzzzqqq", result.GetProperty("query").GetString());
    }

    [Fact]
    public async Task Bad_arguments_exit_2_with_nothing_on_stdout()
    {
        var demo = Path.Combine(MatchCliTests.RepoRoot(), "seed-data", "demo-district.json");
        var result = await CliRunner.RunAsync("search", "--dataset", demo, "--query", "保洁", "--top", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Contains("--top", result.StdErr);
    }

    private static async Task AssertFinds(string query, string? didYouMean, IReadOnlySet<string> relevant)
    {
        var result = await Search(query);
        Assert.Equal(query, result.GetProperty("query").GetString());
        var results = result.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(10, results.Count);
        foreach (var hit in results)
        {
            var id = hit.GetProperty("position").GetString()!;
            Assert.True(relevant.Contains(id), $"{query}: {id} {hit.GetProperty("title").GetString()} is among the first ten but is not one of them");
            Assert.InRange(hit.GetProperty("score").GetDouble(), 0.0, 1.0);
        }
        var scores = results.Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        // Close to the number of such positions: not one any shared character would drag in (the old 222 of 376 for 保洁).
        var total = result.GetProperty("total").GetInt32();
        Assert.InRange(total, (int)Math.Floor(relevant.Count * 0.8), (int)Math.Ceiling(relevant.Count * 1.25));
        if (didYouMean is null)
        {
            Assert.Equal(JsonValueKind.Null, result.GetProperty("didYouMean").ValueKind);
        }
        else
        {
            Assert.Equal(didYouMean, result.GetProperty("didYouMean").GetString());
        }
    }

    private static async Task<JsonElement> Search(string query)
    {
        var demo = Path.Combine(MatchCliTests.RepoRoot(), "seed-data", "demo-district.json");
        var result = await CliRunner.RunAsync("search", "--dataset", demo, "--query", query, "--as-of", AsOf, "--top", "10");
        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return JsonDocument.Parse(Assert.Single(lines)).RootElement.Clone();
    }

    /// <summary>The demo district's open positions on <see cref="AsOf"/>, sorted into kinds of work by their own fields.</summary>
    private sealed record Dataset(IReadOnlySet<string> Cleaning, IReadOnlySet<string> Security)
    {
        public static Dataset Load()
        {
            var demo = Path.Combine(MatchCliTests.RepoRoot(), "seed-data", "demo-district.json");
            using var doc = JsonDocument.Parse(File.ReadAllBytes(demo));
            var cleaning = new HashSet<string>(StringComparer.Ordinal);
            var security = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.GetProperty("positions").EnumerateArray())
            {
                var status = p.TryGetProperty("status", out var s) ? s.GetString() : "open";
                var headcount = p.TryGetProperty("headcount", out var h) ? h.GetInt32() : 1;
                var filled = p.TryGetProperty("filled", out var f) ? f.GetInt32() : 0;
                var validUntil = p.TryGetProperty("validUntil", out var v) ? v.GetString() : null;
                if (status != "open" || filled >= headcount || (validUntil is not null && string.CompareOrdinal(validUntil, AsOf) < 0))
                {
                    continue;
                }
                var id = p.GetProperty("id").GetString()!;
                var title = p.GetProperty("title").GetString()!;
                var required = p.TryGetProperty("requiredSkills", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                if (title.Contains("保洁") || required.Any(c => c.StartsWith("clean.", StringComparison.Ordinal)))
                {
                    cleaning.Add(id);
                }
                if (title.Contains("保安") || title.Contains("门岗") || required.Any(c => c is "sec.guard" or "sec.patrol"))
                {
                    security.Add(id);
                }
            }
            return new Dataset(cleaning, security);
        }
    }
}
