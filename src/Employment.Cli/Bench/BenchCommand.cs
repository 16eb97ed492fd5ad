using Employment.Demo;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Employment.Core.Matching;
using Employment.Core.Search;
using Employment.Core.Training;

namespace Employment.Cli.Bench;

/// <summary>
/// <c>employment bench</c>: a synthetic region (fixed seed) in fresh indexes, timed in both
/// directions against the exhaustive matcher in the same run.
/// </summary>
public static class BenchCommand
{
    private const int Seed = 20261124;
    private const int Top = 20;
    private const int IndexQueries = 300;

    public static async Task<int> RunAsync(int persons, int positions, string format, string? workDir, TextWriter output, int? courses = null)
    {
        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        var log = json ? TextWriter.Null : output;
        var root = workDir ?? Path.Combine(Path.GetTempPath(), "employment-bench-" + Guid.NewGuid().ToString("N"));
        var ownsRoot = workDir is null;
        try
        {
            await log.WriteLineAsync($"Generating {persons:N0} persons and {positions:N0} positions (seed {Seed})…");
            var region = SyntheticRegion.Generate(Seed, persons, positions);
            var options = new SearchOptions { IndexRoot = root };
            DeleteIndexes(options);

            using var jobBank = new JobBankIndex(options);
            using var talentPool = new TalentPoolIndex(options);
            var cpu = new CpuClock();
            var collections = GcCounts();
            var build = Stopwatch.StartNew();
            jobBank.Rebuild(region.Positions, 1);
            var jobBankCpu = cpu.Lap();
            talentPool.Rebuild(region.Seekers, 1);
            build.Stop();
            var talentPoolCpu = cpu.Lap();
            var buildCpu = jobBankCpu + talentPoolCpu;
            var buildCollections = GcCounts().Zip(collections, (after, before) => after - before).ToArray();
            var docsPerSecond = (persons + positions) / build.Elapsed.TotalSeconds;
            await log.WriteLineAsync($"Indexed {persons + positions:N0} documents in {build.Elapsed.TotalSeconds:F1} s");
            // Where the build's time went, per index: analysing and adding documents on every core,
            // the commit (the last buffers flushed to segments), and the refresh that opens the new
            // searcher and builds the engine's per-segment views.
            var phases = new List<string>();
            foreach (var (name, count, rebuild, indexCpu) in new[] { ("job bank", positions, jobBank.LastRebuild, jobBankCpu), ("talent pool", persons, talentPool.LastRebuild, talentPoolCpu) })
            {
                if (rebuild is { } r)
                {
                    phases.Add(string.Format(CultureInfo.InvariantCulture, "{0} {1:N0} docs: add {2:F1} s ({3:N0} docs/s), commit {4:F1} s, refresh+views {5:F1} s; {6:F1} cpu-s ({7:F0} µs cpu per doc)",
                        name, count, r.Add.TotalSeconds, count / Math.Max(r.Add.TotalSeconds, 1e-9), r.Commit.TotalSeconds, r.Refresh.TotalSeconds, indexCpu, indexCpu * 1e6 / Math.Max(count, 1)));
                }
            }
            var buildPhases = string.Join("; ", phases) + string.Format(CultureInfo.InvariantCulture, "; GC during build: {0} gen0, {1} gen1, {2} gen2 collections",
                buildCollections[0], buildCollections[1], buildCollections[2]);

            var engine = new MatchingEngine(jobBank, talentPool);
            var exhaustive = new ExhaustiveMatcher(region.Positions, region.Seekers);
            var request = new MatchRequest { Top = Top, AsOf = region.AsOf, Lines = region.Lines };
            var random = new Random(Seed);
            var seekers = region.Seekers.Where(HardRules.SeekerAvailable).ToList();
            var openPositions = region.Positions.Where(p => HardRules.PositionAvailable(p, region.AsOf)).ToList();
            var seekerSample = Enumerable.Range(0, IndexQueries).Select(_ => seekers[random.Next(seekers.Count)]).ToList();
            var positionSample = Enumerable.Range(0, IndexQueries).Select(_ => openPositions[random.Next(openPositions.Count)]).ToList();
            // The exhaustive matcher takes a second or more per query at a million persons: fewer samples there.
            var exhaustiveQueries = persons >= 500_000 ? 30 : 100;

            foreach (var s in seekerSample.Take(30)) { engine.PositionsFor(s, request); }
            foreach (var p in positionSample.Take(30)) { engine.SeekersFor(p, request); }

            cpu.Lap();
            var queryWall = Stopwatch.StartNew();
            var toPositions = Time(seekerSample, s => engine.PositionsFor(s, request));
            var toPositionsExhaustive = Time(seekerSample.Take(exhaustiveQueries), s => exhaustive.PositionsFor(s, request));
            var toPersons = Time(positionSample, p => engine.SeekersFor(p, request));
            var toPersonsExhaustive = Time(positionSample.Take(exhaustiveQueries), p => exhaustive.SeekersFor(p, request));
            var queryShare = cpu.Lap() / queryWall.Elapsed.TotalSeconds;

            // Top-10 for every person on every core; above 200,000 persons, a sample of about
            // 100,000 (every tenth at a million, every fortieth at four million) and the rate from it.
            var batchRequest = request with { Top = 10 };
            var step = persons > 200_000 ? Math.Max(10, persons / 100_000) : 1;
            var batch = region.Seekers.Where((_, i) => i % step == 0).ToList();
            var batchClock = Stopwatch.StartNew();
            Parallel.ForEach(batch, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                s => engine.PositionsFor(s, batchRequest));
            batchClock.Stop();
            var batchCpu = cpu.Lap();
            var batchRate = batch.Count / batchClock.Elapsed.TotalSeconds;
            // The plain course loop is every course × every position per person: at a province's
            // million positions (100,000 courses by default) one person takes hours, so above
            // 200,000 positions the course list is timed only when --courses asks for it.
            var courseCount = courses ?? (positions <= 200_000 ? Math.Max(1, positions / 10) : (int?)null);
            var training = courseCount is { } n
                ? await TrainingAsync(region, n, seekerSample, positions >= 500_000 ? 3 : exhaustiveQueries, log)
                : null;
            var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);

            var result = new BenchResult(persons, positions,
                Direction(toPositions, toPositionsExhaustive), Direction(toPersons, toPersonsExhaustive),
                Math.Round(docsPerSecond), Math.Round(batchRate, 1), Math.Round(peakMb), training,
                Math.Round(buildCpu, 1), Math.Round(build.Elapsed.TotalSeconds, 1), buildPhases);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            }
            else
            {
                await WriteTableAsync(output, result, exhaustiveQueries, batch.Count, persons, Environment.ProcessorCount);
                // On a shared machine the wall-clock figures above depend on what else runs: these
                // say how much of the machine this process actually got, and what a CPU-second buys.
                var c = CultureInfo.InvariantCulture;
                await output.WriteLineAsync(string.Format(c, "cpu                  build {0:F1} cpu-s for {1:F1} s wall ({2:N0} docs per cpu-s); queries got {3:F2} cores; batch {4:F1} cpu-s for {5:F1} s wall ({6:N0} persons per cpu-s)",
                    buildCpu, build.Elapsed.TotalSeconds, (persons + positions) / Math.Max(buildCpu, 1e-9), queryShare,
                    batchCpu, batchClock.Elapsed.TotalSeconds, batch.Count / Math.Max(batchCpu, 1e-9)));
                await output.WriteLineAsync("build phases         " + buildPhases);
            }
            return 0;
        }
        finally
        {
            if (ownsRoot)
            {
                try { Directory.Delete(root, recursive: true); } catch (IOException) { }
            }
        }
    }

    /// <summary>
    /// A person's course list (every course they may take, all it unlocks, ranked) against the plain
    /// loop over every course and every position through the same rules, in the same run.
    /// </summary>
    private static async Task<TrainingResult> TrainingAsync(SyntheticRegion region, int count, List<SeekerProfile> sample, int plainQueries, TextWriter log)
    {
        var courses = SyntheticCourses.Generate(Seed, count, region);
        var build = Stopwatch.StartNew();
        var advisor = new TrainingAdvisor(region.Positions, courses);
        build.Stop();
        await log.WriteLineAsync($"Training advisor over {count:N0} courses built in {build.Elapsed.TotalMilliseconds:F0} ms");
        foreach (var s in sample.Take(30)) { advisor.CoursesFor(s, region.AsOf, region.Lines); }
        var listed = 0L;
        var times = Time(sample, s => listed += advisor.CoursesFor(s, region.AsOf, region.Lines).Count);
        var plain = Time(sample.Take(Math.Min(plainQueries, 20)), s =>
        {
            foreach (var course in courses)
            {
                if (CourseRules.Check(s, course, region.AsOf) is null)
                {
                    foreach (var position in region.Positions)
                    {
                        CourseRules.Unlocks(s, course, position, region.AsOf);
                    }
                }
            }
        });
        var d = Direction(times, plain);
        return new TrainingResult(count, d.P50Ms, d.P95Ms, d.P99Ms, d.ExhaustiveP50Ms, d.Speedup,
            Math.Round(listed / (double)Math.Max(1, sample.Count), 1), Math.Round(build.Elapsed.TotalMilliseconds));
    }

    private static void DeleteIndexes(SearchOptions options)
    {
        foreach (var path in new[] { options.JobBankPath, options.TalentPoolPath })
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    private static double[] Time<T>(IEnumerable<T> items, Action<T> run)
    {
        var times = new List<double>();
        foreach (var item in items)
        {
            var clock = Stopwatch.StartNew();
            run(item);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return [.. times];
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static DirectionResult Direction(double[] index, double[] exhaustive)
    {
        var p50 = Percentile(index, 0.50);
        var exhaustiveP50 = Percentile(exhaustive, 0.50);
        return new DirectionResult(Math.Round(p50, 3), Math.Round(Percentile(index, 0.95), 3), Math.Round(Percentile(index, 0.99), 3),
            Math.Round(exhaustiveP50, 3), Math.Round(Percentile(exhaustive, 0.95), 3), Math.Round(p50 > 0 ? exhaustiveP50 / p50 : 0, 1));
    }

    private static async Task WriteTableAsync(TextWriter output, BenchResult r, int exhaustiveQueries, int batchCount, int persons, int cores)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Format(c, "{0:N0} persons, {1:N0} positions, {2} cores; top-{3}; {4} index queries and {5} exhaustive queries per direction",
            r.Persons, r.Positions, cores, Top, IndexQueries, exhaustiveQueries));
        await output.WriteLineAsync("direction            p50 ms   p95 ms   p99 ms   exh. p50 ms   exh. p95 ms   speedup (p50)");
        foreach (var (name, d) in new[] { ("person → positions", r.PersonToPositions), ("position → persons", r.PositionToPersons) })
        {
            await output.WriteLineAsync(string.Format(c, "{0,-19} {1,7:F2} {2,8:F2} {3,8:F2} {4,13:F1} {5,13:F1} {6,14:F1}×",
                name, d.P50Ms, d.P95Ms, d.P99Ms, d.ExhaustiveP50Ms, d.ExhaustiveP95Ms, d.Speedup));
        }
        await output.WriteLineAsync(string.Format(c, "index build          {0:N0} docs/s", r.IndexDocsPerSecond));
        await output.WriteLineAsync(string.Format(c, "batch top-10         {0:N0} persons/s ({1:N0} of {2:N0} persons timed{3}); all persons in {4:F0} s",
            r.BatchPersonsPerSecond, batchCount, persons, batchCount < persons ? ", rate extrapolated" : "", persons / r.BatchPersonsPerSecond));
        if (r.Training is { } t)
        {
            await output.WriteLineAsync(string.Format(c, "person → courses    {0,7:F2} {1,8:F2} {2,8:F2} {3,13:F1} {4,13} {5,14:F1}×   ({6:N0} courses, {7:F1} listed per person, advisor built in {8:N0} ms; baseline: every course × every position through CourseRules)",
                t.P50Ms, t.P95Ms, t.P99Ms, t.PlainP50Ms, "", t.Speedup, t.Courses, t.CoursesListedPerPerson, t.BuildMs));
        }
        else
        {
            await output.WriteLineAsync("person → courses     not timed above 200,000 positions unless --courses is given (the plain loop takes hours there)");
        }
        await output.WriteLineAsync(string.Format(c, "peak working set     {0:N0} MB", r.PeakMemoryMb));
    }

    /// <summary>CPU seconds of this process (all threads) since the last lap.</summary>
    private sealed class CpuClock
    {
        private TimeSpan _last = Process.GetCurrentProcess().TotalProcessorTime;

        public double Lap()
        {
            var now = Process.GetCurrentProcess().TotalProcessorTime;
            var lap = (now - _last).TotalSeconds;
            _last = now;
            return lap;
        }
    }

    private sealed record DirectionResult(double P50Ms, double P95Ms, double P99Ms, double ExhaustiveP50Ms, double ExhaustiveP95Ms, double Speedup);

    private sealed record BenchResult(int Persons, int Positions, DirectionResult PersonToPositions, DirectionResult PositionToPersons,
        double IndexDocsPerSecond, double BatchPersonsPerSecond, double PeakMemoryMb, TrainingResult? Training,
        double IndexBuildCpuSeconds, double IndexBuildSeconds, string IndexBuildPhases);

    private static int[] GcCounts() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    private sealed record TrainingResult(int Courses, double P50Ms, double P95Ms, double P99Ms, double PlainP50Ms, double Speedup,
        double CoursesListedPerPerson, double BuildMs);
}
