using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Kiosk;
using Employment.Core.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Cli.Commands;

/// <summary>
/// `employment search` per the interchange contract: the kiosk's search box over a dataset, in a
/// throwaway store like `match`. It runs the kiosk's own code path (<see cref="KioskCatalog"/>), so
/// what an outside check sees is what a jobseeker at a kiosk gets.
/// </summary>
internal static class SearchCommand
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var dataset = new Option<FileInfo>("--dataset") { Description = "an employment-dataset/1 JSON file", Required = true };
        var query = new Option<string>("--query") { Description = "what a jobseeker types: 保洁, baojie, cleaner, 报安", Required = true };
        var top = new Option<int>("--top") { Description = "results to print", DefaultValueFactory = _ => 10 };
        var asOf = new Option<string?>("--as-of") { Description = "the date rule 1 is applied on (YYYY-MM-DD, default today)" };
        var command = new Command("search", "search a dataset's open positions as the kiosk does") { dataset, query, top, asOf };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(top);
            if (n < 1 || n > KioskCatalog.MaxPageSize)
            {
                Console.Error.WriteLine($"--top must be between 1 and {KioskCatalog.MaxPageSize}");
                return ExitCodes.InvalidInput;
            }
            var text = parse.GetValue(query) ?? "";
            if (string.IsNullOrWhiteSpace(text) || text.Length > 100)
            {
                Console.Error.WriteLine("--query must be 1 to 100 characters");
                return ExitCodes.InvalidInput;
            }
            if (!CliOptions.TryAsOf(parse.GetValue(asOf), out var day))
            {
                return ExitCodes.InvalidInput;
            }
            var read = DatasetFile.Read(parse.GetValue(dataset)!);
            if (read is null)
            {
                return ExitCodes.InvalidInput;
            }

            await using var store = await ThrowawayStore.OpenAsync(parse, "search", read, search: true, configure: s => s.AddSingleton<KioskSnapshot>().AddScoped<KioskCatalog>(), ct);
            var results = await store.Services.GetRequiredService<KioskCatalog>()
                .SearchAsync(new KioskQuery { Text = text, PageSize = n }, day, ct);

            await using var stdout = Console.OpenStandardOutput();
            using (var json = new Utf8JsonWriter(stdout, JsonOptions))
            {
                json.WriteStartObject();
                json.WriteString("query", text);
                json.WriteString("asOf", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteNumber("total", results.Total);
                if (results.DidYouMean is { } corrected)
                {
                    json.WriteString("didYouMean", corrected);
                }
                else
                {
                    json.WriteNull("didYouMean");
                }
                json.WriteStartArray("results");
                foreach (var hit in results.Items)
                {
                    json.WriteStartObject();
                    json.WriteString("position", hit.Position.Id);
                    json.WriteString("title", hit.Position.Title);
                    json.WriteNumber("score", Math.Round(hit.Score ?? 0, 4));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            stdout.WriteByte((byte)'\n');
            return ExitCodes.Ok;
        });
        return command;
    }
}
