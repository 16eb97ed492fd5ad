using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Employment.Cli.Commands;
using Employment.Core.Data;
using Employment.Core.Search;
using Employment.Core.Training;
using Employment.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Cli.Bench;

/// <summary>
/// `employment bench-courses`: the course catalog's search as the counselor's /Training page runs it
/// (the course index, ranked, then the page's rows from the database) against the database search it
/// replaced (title or provider containing the text, by start date, the page's count and rows), on
/// one real SQLite store of synthetic courses, interleaved query by query in the same process.
/// </summary>
public static class CourseSearchBench
{
    private const int Seed = 20261124;
    private const int Timed = 300;
    private const int PageSize = 50;

    /// <summary>Titles, providers, skills by their Chinese names, pinyin and English, a word no course has, and no words (the page's first view).</summary>
    public static readonly string[] Queries =
        ["", "保洁", "叉车", "养老护理", "电工", "锦江区社区学院", "家政", "计算机", "baojie", "forklift", "培训中心", "保安 持证", "没有这门课"];

    public sealed record QueryFigures(string Query, int IndexFound, int DatabaseFound);

    public sealed record Latency(double P50, double P95, double P99);

    public sealed record Result(int Courses, double BuildSeconds, Latency Index, Latency IndexOnly, Latency Database, double P95Ratio, IReadOnlyList<QueryFigures> Found);

    public static async Task<int> RunAsync(ParseResult parse, int count, string format, string? workDir, TextWriter output)
    {
        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        var log = json ? TextWriter.Null : output;
        var root = workDir ?? Path.Combine(Path.GetTempPath(), "employment-bench-courses-" + Guid.NewGuid().ToString("N"));
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
        try
        {
            await log.WriteLineAsync($"Generating {count:N0} courses (seed {Seed}) into a SQLite store under {root}…");
            var region = SyntheticRegion.Generate(Seed, 1, 2_000);
            var asOf = region.AsOf;
            var courses = SyntheticCourses.Generate(Seed, count, region).Select(Named).ToList();
            await using var services = CliOptions.BuildServices(parse, dataDirOverride: root, search: true);
            using (var scope = services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(default);
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.Courses.AddRange(courses.Select(ToEntity));
                await db.SaveChangesAsync();
            }
            Words.Warm();
            var build = Stopwatch.StartNew();
            await services.GetRequiredService<IndexSynchronizer>().EnsureCurrentAsync();
            build.Stop();
            var index = services.GetRequiredService<CourseIndex>();
            await log.WriteLineAsync($"Indexed {index.Count:N0} courses in {build.Elapsed.TotalSeconds:F1} s (from the outbox's store, as at a node's start)");

            var search = new CourseTextSearch(index);
            bool Open(CourseProfile c) => CourseRules.Open(c, asOf);
            using var pageScope = services.CreateScope();
            var pageDb = pageScope.ServiceProvider.GetRequiredService<AppDbContext>();

            // The page's work, both ways: what it found, and its first page of rows.
            async Task<int> ByIndexAsync(string q)
            {
                var hits = search.Search(q, Open);
                var page = hits.Take(PageSize).Select(h => h.Course.Id).ToList();
                await pageDb.Courses.AsNoTracking().Where(c => page.Contains(c.Id)).ToListAsync();
                return hits.Count;
            }
            async Task<int> ByDatabaseAsync(string q)
            {
                var query = pageDb.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Open && c.StartDate >= asOf);
                if (q.Length > 0)
                {
                    query = query.Where(c => c.Title.Contains(q) || c.Provider.Contains(q) || c.Id == q);
                }
                var total = await query.CountAsync();
                await query.OrderBy(c => c.StartDate).ThenBy(c => c.Id).Take(PageSize).ToListAsync();
                return total;
            }

            var found = new List<QueryFigures>();
            foreach (var q in Queries)
            {
                found.Add(new QueryFigures(q, await ByIndexAsync(q), await ByDatabaseAsync(q)));
            }
            var indexTimes = new List<double>(Timed);
            var indexOnly = new List<double>(Timed);
            var databaseTimes = new List<double>(Timed);
            for (var i = 0; i < Timed; i++)
            {
                var q = Queries[i % Queries.Length];
                // Interleaved, so both meet the same load on a shared machine.
                var clock = Stopwatch.StartNew();
                await ByIndexAsync(q);
                indexTimes.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                search.Search(q, Open);
                indexOnly.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                await ByDatabaseAsync(q);
                databaseTimes.Add(clock.Elapsed.TotalMilliseconds);
            }
            var x = Figures(indexTimes);
            var o = Figures(indexOnly);
            var d = Figures(databaseTimes);
            var result = new Result(count, Math.Round(build.Elapsed.TotalSeconds, 1), x, o, d, Math.Round(d.P95 > 0 ? x.P95 / d.P95 : 0, 2), found);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
                return 0;
            }
            var inv = CultureInfo.InvariantCulture;
            await output.WriteLineAsync(string.Format(inv, "courses {0:N0}; {1} timed searches each, {2} queries in turn", count, Timed, Queries.Length));
            await output.WriteLineAsync(string.Format(inv, "index + page rows   p50 {0:F2} ms  p95 {1:F2} ms  p99 {2:F2} ms", x.P50, x.P95, x.P99));
            await output.WriteLineAsync(string.Format(inv, "index search alone  p50 {0:F2} ms  p95 {1:F2} ms  p99 {2:F2} ms", o.P50, o.P95, o.P99));
            await output.WriteLineAsync(string.Format(inv, "database (old)      p50 {0:F2} ms  p95 {1:F2} ms  p99 {2:F2} ms", d.P50, d.P95, d.P99));
            await output.WriteLineAsync(string.Format(inv, "p95 index / database {0:F2}", result.P95Ratio));
            await output.WriteLineAsync("found (index / database):");
            foreach (var f in found)
            {
                await output.WriteLineAsync(string.Format(inv, "  {0,-14} {1,6:N0} / {2,6:N0}", f.Query.Length == 0 ? "(no words)" : f.Query, f.IndexFound, f.DatabaseFound));
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (workDir is null)
            {
                try { Directory.Delete(root, recursive: true); } catch (IOException) { }
            }
        }
    }

    /// <summary>A title as providers write them (the generator's are numbers): the skills taught, by their Chinese names.</summary>
    private static CourseProfile Named(CourseProfile c) => c with
    {
        Title = string.Join("与", c.Skills.Take(2).Select(s => Core.Taxonomy.Taxonomy.Embedded.Find(s.Code)?.NameZh ?? s.Code)) + "培训班（" + c.Id + "）",
    };

    private static Course ToEntity(CourseProfile c) => new()
    {
        Id = c.Id,
        Title = c.Title,
        Provider = c.Provider,
        Skills = c.Skills.ToList(),
        StartDate = c.StartDate,
        EndDate = c.EndDate,
        HoursPerWeek = c.HoursPerWeek,
        Seats = c.Seats,
        Enrolled = c.Enrolled,
        Remote = c.Remote,
        Lat = c.Location?.Lat,
        Lon = c.Location?.Lon,
        DivisionCode = c.DivisionCode,
        Accommodations = c.Accommodations.ToList(),
        MinAge = c.MinAge,
        MaxAge = c.MaxAge,
        MinEducation = c.MinEducation,
        Subsidized = c.Subsidized,
        ForPositions = c.ForPositions.ToList(),
        CreatedUtc = DateTime.UnixEpoch,
        UpdatedUtc = DateTime.UnixEpoch,
    };

    private static Latency Figures(List<double> times)
    {
        var sorted = times.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Latency(Math.Round(At(0.50), 3), Math.Round(At(0.95), 3), Math.Round(At(0.99), 3));
    }
}
