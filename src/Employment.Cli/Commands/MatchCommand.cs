using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Matching;
using Employment.Core.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Cli.Commands;

/// <summary>
/// `employment match` per the interchange contract: the dataset goes into a throwaway store of its
/// own (a temp SQLite file and temp indexes, never the configured database), and the same engine
/// the web application runs answers, one JSON object per line.
/// </summary>
internal static class MatchCommand
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var dataset = new Option<FileInfo>("--dataset") { Description = "an employment-dataset/1 JSON file", Required = true };
        var seeker = new Option<string?>("--seeker") { Description = "positions for this person id" };
        var allSeekers = new Option<bool>("--all-seekers") { Description = "positions for every person, one line each" };
        var position = new Option<string?>("--position") { Description = "candidates for this position id" };
        var top = new Option<int>("--top") { Description = "results per line", DefaultValueFactory = _ => 10 };
        var asOf = new Option<string?>("--as-of") { Description = "the date the rules are applied on (YYYY-MM-DD, default today)" };
        var query = new Option<string?>("--query") { Description = "free text, one more ranking signal (with --seeker)" };
        var lang = new Option<string>("--lang") { Description = "language of the reasons: zh-CN or en", DefaultValueFactory = _ => "zh-CN" };
        var command = new Command("match", "match a dataset's persons and positions with the engine")
        {
            dataset, seeker, allSeekers, position, top, asOf, query, lang,
        };
        command.Validators.Add(result =>
        {
            var chosen = (result.GetValue(seeker) is not null ? 1 : 0) + (result.GetValue(allSeekers) ? 1 : 0) + (result.GetValue(position) is not null ? 1 : 0);
            if (chosen != 1)
            {
                result.AddError("give exactly one of --seeker ID, --all-seekers, --position ID");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(top) < 1)
            {
                Console.Error.WriteLine("--top must be at least 1");
                return ExitCodes.InvalidInput;
            }
            if (!CliOptions.TryAsOf(parse.GetValue(asOf), out var day))
            {
                return ExitCodes.InvalidInput;
            }
            var culture = CultureInfo.GetCultureInfo(parse.GetValue(lang) == "en" ? "en" : "zh-CN");
            var file = parse.GetValue(dataset)!;
            var read = DatasetFile.Read(file);
            if (read is null)
            {
                return ExitCodes.InvalidInput;
            }
            var seekerId = parse.GetValue(seeker);
            var positionId = parse.GetValue(position);
            if (seekerId is not null && !read.Households.Any(h => h.Members.Any(m => m.Id == seekerId)))
            {
                Console.Error.WriteLine($"--seeker: no person '{seekerId}' in {file.Name}");
                return ExitCodes.InvalidInput;
            }
            if (positionId is not null && read.Positions.All(p => p.Id != positionId))
            {
                Console.Error.WriteLine($"--position: no position '{positionId}' in {file.Name}");
                return ExitCodes.InvalidInput;
            }

            await using var store = await ThrowawayStore.OpenAsync(parse, "match", read, search: true, configure: null, ct);
            var db = store.Db;
            var engine = store.Services.GetRequiredService<MatchingEngine>();
            var request = new MatchRequest
            {
                Top = parse.GetValue(top),
                AsOf = day,
                Query = parse.GetValue(query),
                Lines = await ProfileLoader.LinesAsync(db, ct),
            };

            await using var stdout = Console.OpenStandardOutput();
            if (positionId is not null)
            {
                var profile = (await ProfileLoader.PositionsAsync(db, [positionId], ct)).Single();
                WriteLine(stdout, "position", positionId, day, "seeker",
                    engine.SeekersFor(profile, request).Select(m => (m.Id, m.Score, m.DistanceKm, m.Reasons)), culture);
                return ExitCodes.Ok;
            }
            var ids = seekerId is not null ? [seekerId] : read.Households.SelectMany(h => h.Members).Select(m => m.Id).ToList();
            var profiles = (await ProfileLoader.SeekersAsync(db, seekerId is null ? null : ids, ct)).ToDictionary(p => p.Id);
            foreach (var id in ids)
            {
                WriteLine(stdout, "seeker", id, day, "position",
                    engine.PositionsFor(profiles[id], request).Select(m => (m.Id, m.Score, m.DistanceKm, m.Reasons)), culture);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteLine(Stream output, string subjectKey, string subjectId, DateOnly asOf, string resultKey,
        IEnumerable<(string Id, double Score, double? DistanceKm, IReadOnlyList<MatchReason> Reasons)> results, CultureInfo culture)
    {
        using (var json = new Utf8JsonWriter(output, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString(subjectKey, subjectId);
            json.WriteString("asOf", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteStartArray("results");
            foreach (var (id, score, distance, reasons) in results)
            {
                json.WriteStartObject();
                json.WriteString(resultKey, id);
                json.WriteNumber("score", Math.Round(score, 4));
                if (distance is { } km)
                {
                    json.WriteNumber("distanceKm", Math.Round(km, 2));
                }
                else
                {
                    json.WriteNull("distanceKm");
                }
                json.WriteStartArray("reasons");
                foreach (var reason in reasons)
                {
                    json.WriteStringValue(ReasonText.Format(reason, culture));
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
        output.Flush();
    }
}

/// <summary>`employment reindex`: rebuild both indexes from the configured database.</summary>
internal static class ReindexCommand
{
    public static Command Create()
    {
        var command = new Command("reindex", "rebuild the job bank and talent pool indexes from the database");
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliOptions.BuildServices(parse, search: true);
            await using (var scope = services.CreateAsyncScope())
            {
                }
            var started = System.Diagnostics.Stopwatch.StartNew();
            var progress = new Progress<string>(step => Console.Error.WriteLine($"rebuilding the {step} index…"));
            foreach (var result in await services.GetRequiredService<IndexSynchronizer>().RebuildAsync(progress, ct))
            {
                Console.Error.WriteLine($"{result.Index}: {result.Applied} documents, watermark {result.Watermark}");
            }
            Console.Error.WriteLine($"done in {started.Elapsed.TotalSeconds:0.0} s");
            return ExitCodes.Ok;
        });
        return command;
    }
}
