using System.CommandLine;
using System.Text;
using Employment.Cli.Commands;

namespace Employment.Cli;

internal static class CliProgram
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(false);

        var root = new RootCommand("employment: the talent pool and job bank from the operator's shell")
        {
            CliOptions.DataDir,
        };
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(MatchCommand.Create());
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(TrainingCommand.Create());
        root.Subcommands.Add(ReindexCommand.Create());
        root.Subcommands.Add(BenchVerb.Create());
        root.Subcommands.Add(BenchSearchVerb.Create());
        root.Subcommands.Add(BenchCoursesVerb.Create());
        root.Subcommands.Add(KioskPinCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(UserCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(SchedulesCommand.Create());
        root.Subcommands.Add(PersonCommand.Create());

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // A wrong command line is invalid input like a wrong dataset: exit 2, reasons on stderr.
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }
            return ExitCodes.InvalidInput;
        }
        return await parse.InvokeAsync();
    }
}
