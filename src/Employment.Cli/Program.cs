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

        return await root.Parse(args).InvokeAsync();
    }
}
