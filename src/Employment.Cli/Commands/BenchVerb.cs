using System.CommandLine;
using Employment.Cli.Bench;

namespace Employment.Cli.Commands;

/// <summary>`employment bench`: the engine against the exhaustive scorer on a synthetic region.</summary>
internal static class BenchVerb
{
    public static Command Create()
    {
        var persons = new Option<int>("--persons") { Description = "persons in the synthetic region", Required = true };
        var positions = new Option<int>("--positions") { Description = "positions in the synthetic region", Required = true };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var courses = new Option<int?>("--courses") { Description = "training courses in the synthetic region (default: one per ten positions)" };
        var workDir = new Option<string?>("--work-dir") { Description = "where to build the indexes (default: a temp folder, deleted after)" };
        var command = new Command("bench", "measure matching latency, index build rate and batch rate") { persons, positions, courses, format, workDir };
        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(persons) < 1 || parse.GetValue(positions) < 1)
            {
                await Console.Error.WriteLineAsync("--persons and --positions must be at least 1");
                return ExitCodes.InvalidInput;
            }
            if (parse.GetValue(courses) is < 1)
            {
                await Console.Error.WriteLineAsync("--courses must be at least 1");
                return ExitCodes.InvalidInput;
            }
            return await BenchCommand.RunAsync(parse.GetValue(persons), parse.GetValue(positions), parse.GetValue(format)!, parse.GetValue(workDir), Console.Out, parse.GetValue(courses));
        });
        return command;
    }
}

/// <summary>`employment bench-search`: text search with words against the old character analysis, in the same run.</summary>
internal static class BenchSearchVerb
{
    public static Command Create()
    {
        var positions = new Option<int>("--positions") { Description = "positions in the synthetic job bank", Required = true };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var workDir = new Option<string?>("--work-dir") { Description = "where to build the index (default: a temp folder, deleted after)" };
        var command = new Command("bench-search", "measure text search latency, new analysis against the old, in the same run") { positions, format, workDir };
        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(positions) < 1)
            {
                await Console.Error.WriteLineAsync("--positions must be at least 1");
                return ExitCodes.InvalidInput;
            }
            return await SearchBench.RunAsync(parse.GetValue(positions), parse.GetValue(format)!, parse.GetValue(workDir), Console.Out);
        });
        return command;
    }
}

/// <summary>`employment bench-courses`: the course catalog's index search against the database search it replaced, in the same run.</summary>
internal static class BenchCoursesVerb
{
    public static Command Create()
    {
        var courses = new Option<int>("--courses") { Description = "courses in the synthetic catalog", DefaultValueFactory = _ => 2_000 };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var workDir = new Option<string?>("--work-dir") { Description = "where to keep the store and index (default: a temp folder, deleted after)" };
        var command = new Command("bench-courses", "measure course search latency, the index against the database search, in the same run") { courses, format, workDir };
        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(courses) < 1)
            {
                await Console.Error.WriteLineAsync("--courses must be at least 1");
                return ExitCodes.InvalidInput;
            }
            return await CourseSearchBench.RunAsync(parse, parse.GetValue(courses), parse.GetValue(format)!, parse.GetValue(workDir), Console.Out);
        });
        return command;
    }
}
