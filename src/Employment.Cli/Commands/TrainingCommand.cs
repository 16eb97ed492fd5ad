using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Matching;
using Employment.Core.Search;
using Employment.Core.Training;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Cli.Commands;

/// <summary>
/// `employment training` per the interchange contract: in the same throwaway store as `match`,
/// the courses each person may take with exactly what each unlocks, or the district's shortages.
/// </summary>
internal static class TrainingCommand
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var dataset = new Option<FileInfo>("--dataset") { Description = "an employment-dataset/1 JSON file", Required = true };
        var seeker = new Option<string?>("--seeker") { Description = "courses for this person id" };
        var allSeekers = new Option<bool>("--all-seekers") { Description = "courses for every person, one line each" };
        var shortages = new Option<bool>("--shortages") { Description = "skills by demand against supply, one line each" };
        var top = new Option<int>("--top") { Description = "courses per line", DefaultValueFactory = _ => 10 };
        var asOf = new Option<string?>("--as-of") { Description = "the date the rules are applied on (YYYY-MM-DD, default today)" };
        var lang = new Option<string>("--lang") { Description = "language of the reasons: zh-CN or en", DefaultValueFactory = _ => "zh-CN" };
        var command = new Command("training", "the courses a dataset's persons may take and what each opens up, or the skill shortages")
        {
            dataset, seeker, allSeekers, shortages, top, asOf, lang,
        };
        command.Validators.Add(result =>
        {
            var chosen = (result.GetValue(seeker) is not null ? 1 : 0) + (result.GetValue(allSeekers) ? 1 : 0) + (result.GetValue(shortages) ? 1 : 0);
            if (chosen != 1)
            {
                result.AddError("give exactly one of --seeker ID, --all-seekers, --shortages");
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
            if (seekerId is not null && !read.Households.Any(h => h.Members.Any(m => m.Id == seekerId)))
            {
                Console.Error.WriteLine($"--seeker: no person '{seekerId}' in {file.Name}");
                return ExitCodes.InvalidInput;
            }

            await using var store = await ThrowawayStore.OpenAsync(parse, "training", read, search: false, configure: null, ct);
            var db = store.Db;

            await using var stdout = Console.OpenStandardOutput();
            if (parse.GetValue(shortages))
            {
                var positions = await ProfileLoader.PositionsAsync(db, null, ct);
                var persons = await ProfileLoader.SeekersAsync(db, null, ct);
                foreach (var shortage in SkillShortages.Compute(positions, persons, day))
                {
                    WriteShortage(stdout, shortage, day);
                }
                return ExitCodes.Ok;
            }

            var advisor = await TrainingCatalog.AdvisorAsync(db, ct);
            var lines = await ProfileLoader.LinesAsync(db, ct);
            var ids = seekerId is not null ? [seekerId] : read.Households.SelectMany(h => h.Members).Select(m => m.Id).ToList();
            var profiles = (await ProfileLoader.SeekersAsync(db, seekerId is null ? null : ids, ct)).ToDictionary(p => p.Id);
            foreach (var id in ids)
            {
                WriteAdvice(stdout, id, day, advisor.CoursesFor(profiles[id], day, lines, parse.GetValue(top)), culture);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteAdvice(Stream output, string seekerId, DateOnly asOf, IReadOnlyList<CourseAdvice> courses, CultureInfo culture)
    {
        using (var json = new Utf8JsonWriter(output, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("seeker", seekerId);
            json.WriteString("asOf", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteStartArray("courses");
            foreach (var advice in courses)
            {
                json.WriteStartObject();
                json.WriteString("course", advice.Id);
                json.WriteNumber("unlocks", advice.Unlocks.Count);
                json.WriteStartArray("positions");
                foreach (var position in advice.Unlocks)
                {
                    json.WriteStringValue(position.Id);
                }
                json.WriteEndArray();
                json.WriteNumber("score", Math.Round(advice.Score, 4));
                json.WriteStartArray("reasons");
                foreach (var reason in advice.Reasons)
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

    private static void WriteShortage(Stream output, SkillShortage shortage, DateOnly asOf)
    {
        using (var json = new Utf8JsonWriter(output, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("skill", shortage.Skill);
            json.WriteString("asOf", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("demand", shortage.Demand);
            json.WriteNumber("supply", shortage.Supply);
            json.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
        output.Flush();
    }
}
