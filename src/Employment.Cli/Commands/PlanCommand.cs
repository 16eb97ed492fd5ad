using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Matching;
using Employment.Core.Placement;
using Employment.Core.Scheduling;
using Employment.Core.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Cli.Commands;

/// <summary>
/// `employment plan`: the quarterly fair's placement plan for a dataset, against greedy, computed
/// as the fair job computes it (same engine, same candidates, same weights) in a throwaway store
/// like `match`'s. Writes nothing to the configured database.
/// </summary>
internal static class PlanCommand
{
    public sealed record Side(double Value, int Assigned, int PriorityAssigned, double ScoreTotal);

    public sealed record Report(string AsOf, int Seekers, int PrioritySeekers, int Positions, int Places, int CandidatePairs,
        int CandidatesPerPerson, Side Plan, Side Greedy, double GainPercent, double Seconds)
    {
        /// <summary>The quality floor the plans were made with: no pair below it is planned.</summary>
        public double MinScore { get; init; }
        /// <summary>Seekers with no open position at or above the floor (暂无合适岗位).</summary>
        public int NoSuitablePlace { get; init; }
    }

    public static Command Create()
    {
        var dataset = new Option<FileInfo>("--dataset") { Description = "an employment-dataset/1 JSON file", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "the fair's date (YYYY-MM-DD, default today)" };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var top = new Option<int>("--candidates") { Description = "positions per person from the engine", DefaultValueFactory = _ => new FairPlanOptions().CandidatesPerPerson };
        var floor = new Option<double>("--min-score") { Description = "the quality floor: no pair scored below it is planned (0 to below 1)", DefaultValueFactory = _ => new FairPlanOptions().MinScore };
        var command = new Command("plan", "the fair's placement plan (min-cost flow) against greedy for a dataset") { dataset, asOf, format, top, floor };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(asOf);
            var day = Employment.Core.Domain.DistrictClock.Today(CliOptions.Clock);
            if (text is not null && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                await Console.Error.WriteLineAsync($"--as-of: '{text}' is not a date YYYY-MM-DD");
                return ExitCodes.InvalidInput;
            }
            var candidates = parse.GetValue(top);
            if (candidates is < 1 or > 100)
            {
                await Console.Error.WriteLineAsync("--candidates must be between 1 and 100");
                return ExitCodes.InvalidInput;
            }
            var minScore = parse.GetValue(floor);
            if (double.IsNaN(minScore) || minScore < 0 || minScore >= 1)
            {
                await Console.Error.WriteLineAsync("--min-score must be at least 0 and below 1");
                return ExitCodes.InvalidInput;
            }
            var read = DatasetFile.Read(parse.GetValue(dataset)!);
            if (read is null)
            {
                return ExitCodes.InvalidInput;
            }
            var json = parse.GetValue(format) == "json";
            var store = Path.Combine(Path.GetTempPath(), "employment-plan-" + Guid.NewGuid().ToString("N"));
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await using var services = CliOptions.BuildServices(parse, dataDirOverride: store, search: true);
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
                await scope.ServiceProvider.GetRequiredService<DatasetImporter>().ImportAsync(read, ct);
                await services.GetRequiredService<IndexSynchronizer>().RebuildAsync(cancellationToken: ct);
                var options = new FairPlanOptions { CandidatesPerPerson = candidates, MinScore = minScore };
                var progress = json ? null : new Progress<int>(p => Console.Error.Write($"\rmatching seekers… {p}%"));
                var result = await JobFairPlanning.ComputeAsync(db, services.GetRequiredService<MatchingEngine>(), day, options, progress, ct);
                if (!json)
                {
                    await Console.Error.WriteLineAsync();
                }
                var priority = result.Seekers.Where(s => s.Weight > 1).Select(s => s.PersonId).ToHashSet(StringComparer.Ordinal);
                Side SideOf(PlacementPlan plan) => new(plan.Value, plan.Pairs.Count, plan.Pairs.Count(p => priority.Contains(p.PersonId)),
                    Math.Round(plan.Pairs.Sum(p => p.Score), 4));
                var report = new Report(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), result.Seekers.Count, priority.Count,
                    result.Positions.Count, result.Positions.Sum(p => p.OpenPlaces), result.Edges.Count, candidates,
                    SideOf(result.Plan), SideOf(result.Greedy),
                    result.Greedy.Value > 0 ? Math.Round(100 * (result.Plan.Value - result.Greedy.Value) / result.Greedy.Value, 2) : 0,
                    Math.Round(clock.Elapsed.TotalSeconds, 1))
                {
                    MinScore = minScore,
                    NoSuitablePlace = result.Unplaced.Count(u => u.Reason == UnplacedReason.NoSuitablePosition),
                };
                if (json)
                {
                    Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                        fair on {report.AsOf}: {report.Seekers} seekers ({report.PrioritySeekers} with household priority), {report.Positions} positions with {report.Places} open places, {report.CandidatePairs} candidate pairs (top {candidates} per person)
                        plan   (min-cost flow): value {report.Plan.Value:0.###}, {report.Plan.Assigned} assigned, {report.Plan.PriorityAssigned} of them with priority
                        greedy (best pair first): value {report.Greedy.Value:0.###}, {report.Greedy.Assigned} assigned, {report.Greedy.PriorityAssigned} of them with priority
                        plan over greedy: {report.GainPercent:+0.##;-0.##;0}%  ({report.Seconds:0.0} s)
                        no suitable place (no match at or above {report.MinScore:0.##}): {report.NoSuitablePlace} seekers
                        """));
                }
                return ExitCodes.Ok;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(store, recursive: true);
                }
                catch (IOException)
                {
                    // Left for the OS temp cleaner; the answer is already out.
                }
            }
        });
        return command;
    }
}
