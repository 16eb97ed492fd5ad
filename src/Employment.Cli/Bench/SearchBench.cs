using Employment.Demo;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Employment.Core.Matching;
using Employment.Core.Search;

namespace Employment.Cli.Bench;

/// <summary>
/// `employment bench-search`: the job bank's text search with words (jieba, concepts, pinyin,
/// near-miss retries) against the analysis it replaced (bigrams and unigrams, any shared
/// character), on one synthetic job bank, interleaved query by query in the same process.
/// </summary>
public static class SearchBench
{
    private const int Seed = 20261124;
    private const int Timed = 300;

    /// <summary>What jobseekers type: words, pinyin, English, initials, near-misses, one character, two words.</summary>
    public static readonly string[] Queries =
        ["保洁", "保安", "baojie", "baoan", "bj", "cleaner", "security", "报安", "保结", "厨", "电工", "养老护理", "夜班 保安", "housekeeping", "快递员"];

    public sealed record QueryFigures(string Query, int WordsFound, int CharactersFound);

    public sealed record Latency(double P50, double P95, double P99);

    public sealed record Result(int Positions, double BuildSeconds, Latency Words, Latency Characters, double P95Ratio, IReadOnlyList<QueryFigures> Found);

    public static async Task<int> RunAsync(int positions, string format, string? workDir, TextWriter output)
    {
        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        var log = json ? TextWriter.Null : output;
        var root = workDir ?? Path.Combine(Path.GetTempPath(), "employment-bench-search-" + Guid.NewGuid().ToString("N"));
        try
        {
            await log.WriteLineAsync($"Generating {positions:N0} positions (seed {Seed})…");
            var region = SyntheticRegion.Generate(Seed, 1, positions);
            var options = new SearchOptions { IndexRoot = root };
            if (Directory.Exists(options.JobBankPath))
            {
                Directory.Delete(options.JobBankPath, recursive: true);
            }
            Words.Warm();
            using var jobBank = new JobBankIndex(options);
            var build = Stopwatch.StartNew();
            jobBank.Rebuild(region.Positions, 1);
            build.Stop();
            await log.WriteLineAsync($"Indexed {positions:N0} positions in {build.Elapsed.TotalSeconds:F1} s (both analyses in the same index)");

            var search = new PositionTextSearch(jobBank);
            var found = Queries.Select(q => new QueryFigures(q, search.Search(q, region.AsOf, remember: false).Hits.Count, search.CountWithCharacters(q, region.AsOf))).ToList();
            var words = new List<double>(Timed);
            var characters = new List<double>(Timed);
            for (var i = 0; i < Timed; i++)
            {
                var q = Queries[i % Queries.Length];
                // Interleaved, so both meet the same load on a shared machine.
                var clock = Stopwatch.StartNew();
                search.Search(q, region.AsOf, remember: false);
                words.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                search.CountWithCharacters(q, region.AsOf);
                characters.Add(clock.Elapsed.TotalMilliseconds);
            }
            var w = Figures(words);
            var c = Figures(characters);
            var result = new Result(positions, Math.Round(build.Elapsed.TotalSeconds, 1), w, c, Math.Round(c.P95 > 0 ? w.P95 / c.P95 : 0, 2), found);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
                return 0;
            }
            var inv = CultureInfo.InvariantCulture;
            await output.WriteLineAsync(string.Format(inv, "positions {0:N0}; {1} timed searches each, {2} queries in turn", positions, Timed, Queries.Length));
            await output.WriteLineAsync(string.Format(inv, "words (new)       p50 {0:F2} ms  p95 {1:F2} ms  p99 {2:F2} ms", w.P50, w.P95, w.P99));
            await output.WriteLineAsync(string.Format(inv, "characters (old)  p50 {0:F2} ms  p95 {1:F2} ms  p99 {2:F2} ms", c.P50, c.P95, c.P99));
            await output.WriteLineAsync(string.Format(inv, "p95 new / old     {0:F2}", result.P95Ratio));
            await output.WriteLineAsync("found (new / old):");
            foreach (var f in found)
            {
                await output.WriteLineAsync(string.Format(inv, "  {0,-14} {1,7:N0} / {2,7:N0}", f.Query, f.WordsFound, f.CharactersFound));
            }
            return 0;
        }
        finally
        {
            if (workDir is null)
            {
                try { Directory.Delete(root, recursive: true); } catch (IOException) { }
            }
        }
    }

    private static Latency Figures(List<double> times)
    {
        var sorted = times.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Latency(Math.Round(At(0.50), 3), Math.Round(At(0.95), 3), Math.Round(At(0.99), 3));
    }
}
