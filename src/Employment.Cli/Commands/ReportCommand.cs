using Employment.Core.Domain;
using System.CommandLine;
using System.Globalization;
using Employment.Core.Data;
using Employment.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Employment.Cli.Commands;

/// <summary>
/// `employment report --quarter 2026Q4 [--district CODE] [--format json|csv] [--lang zh-CN|en]`: a district's
/// figures for a quarter with each street's, or the city's with each district's, computed from the configured database.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var quarter = new Option<string>("--quarter") { Description = "the quarter, e.g. 2026Q4", Required = true };
        var format = new Option<string>("--format") { Description = "json (one object) or csv (one line per scope and figure)", DefaultValueFactory = _ => "json" };
        var lang = new Option<string>("--lang") { Description = "language of the definitions: zh-CN or en", DefaultValueFactory = _ => "zh-CN" };
        var district = new Option<string?>("--district") { Description = "one district by its division code; without it the store's one district, or the city with a row per district" };
        var command = new Command("report", "the program's figures for a quarter: a district and every street, or the city and every district") { quarter, format, lang, district };
        command.SetAction(async (parse, ct) =>
        {
            if (!Quarter.TryParse(parse.GetValue(quarter), out var q, out var error))
            {
                Console.Error.WriteLine("--quarter: " + error);
                return ExitCodes.InvalidInput;
            }
            var chosen = parse.GetValue(format)?.ToLowerInvariant();
            if (chosen is not ("json" or "csv"))
            {
                Console.Error.WriteLine($"--format: '{parse.GetValue(format)}' is not json or csv");
                return ExitCodes.InvalidInput;
            }
            var culture = CultureInfo.GetCultureInfo(parse.GetValue(lang) == "en" ? "en" : "zh-CN");

            await using var services = CliOptions.BuildServices(parse);
            await using var scope = services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            await sp.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            // The streets come from the division table, which the web host fills at its first start;
            // a database only ever touched by the CLI gets it here (filled only when empty).
            await sp.GetRequiredService<Employment.Core.Interchange.DemoSeeder>().SeedDivisionsAsync(ct);
            // The CLI reads no "Outcomes" section: it reports with the program's default rules.
            var reports = new OutcomeReports(sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<TimeProvider>(),
                Options.Create(new OutcomeOptions()));
            OutcomeReport report;
            try
            {
                report = await reports.ForQuarterAsync(q, parse.GetValue(district), ct);
            }
            catch (RefusalException ex) when (ex.Code == RefusalCodes.QuarterNotStarted)
            {
                Console.Error.WriteLine($"--quarter: {q} has not started yet (today is {ex.Arguments[1]:yyyy-MM-dd})");
                return ExitCodes.InvalidInput;
            }
            catch (RefusalException ex) when (CliOptions.DistrictMessage(ex) is { } message)
            {
                Console.Error.WriteLine(message);
                return ExitCodes.InvalidInput;
            }
            if (chosen == "csv")
            {
                ReportCsv.Write(report, Console.Out, culture);
                await Console.Out.FlushAsync(ct);
            }
            else
            {
                await using var stdout = Console.OpenStandardOutput();
                ReportJson.Write(report, stdout, culture);
                await stdout.WriteAsync("\n"u8.ToArray(), ct);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
