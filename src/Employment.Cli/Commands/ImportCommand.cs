using System.CommandLine;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Taxonomy;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create()
    {
        var dataset = new Option<FileInfo>("--dataset") { Description = "an employment-dataset/1 JSON file", Required = true };
        var command = new Command("import", "validate a dataset, then write all of it in one transaction (or nothing)") { dataset };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(dataset)!;
            var read = DatasetFile.Read(file);
            if (read is null)
            {
                return ExitCodes.InvalidInput;
            }
            await using var services = CliOptions.BuildServices(parse);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            // The district's divisions first: the import checks codes and coordinates against them.
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedDivisionsAsync(ct);
            try
            {
                var summary = await scope.ServiceProvider.GetRequiredService<DatasetImporter>().ImportAsync(read, ct, "operator:" + Environment.UserName);
                Console.Error.WriteLine($"imported {file.Name}: {summary.Employers} employers, {summary.Positions} positions, " +
                    $"{summary.Households} households, {summary.Persons} persons ({summary.Created} new, {summary.Updated} updated)");
                return ExitCodes.Ok;
            }
            catch (DatasetException ex)
            {
                DatasetFile.ReportErrors(file, ex.Errors);
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}

internal static class ExportCommand
{
    public static Command Create()
    {
        var dataset = new Option<FileInfo>("--dataset") { Description = "where to write the employment-dataset/1 JSON file", Required = true };
        var district = new Option<string?>("--district") { Description = "the district's division code (required when the store holds several)" };
        var command = new Command("export", "write one district of the database as an interchange dataset") { dataset, district };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(dataset)!;
            await using var services = CliOptions.BuildServices(parse);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            Dataset exported;
            try
            {
                exported = await scope.ServiceProvider.GetRequiredService<DatasetExporter>().ExportAsync(parse.GetValue(district), ct);
            }
            catch (Core.Domain.RefusalException ex) when (CliOptions.DistrictMessage(ex) is { } message)
            {
                Console.Error.WriteLine(message);
                return ExitCodes.InvalidInput;
            }
            // Write beside the target, then move: a failed export never leaves half a file.
            var temp = file.FullName + ".tmp";
            await using (var stream = File.Create(temp))
            {
                DatasetWriter.Write(exported, stream);
            }
            File.Move(temp, file.FullName, overwrite: true);
            Console.Error.WriteLine($"exported {exported.Positions.Count} positions and {exported.Households.Count} households to {file.FullName}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary>Reading a dataset file the way every verb does: all errors to stderr, nothing to stdout.</summary>
internal static class DatasetFile
{
    public static Dataset? Read(FileInfo file)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file.FullName}: no such file");
            return null;
        }
        var result = DatasetReader.ReadFile(file.FullName, Taxonomy.Embedded, Employment.Core.Domain.DistrictClock.Today(CliOptions.Clock));
        if (!result.IsValid)
        {
            ReportErrors(file, result.Errors);
            return null;
        }
        return result.Dataset;
    }

    public static void ReportErrors(FileInfo file, IReadOnlyList<DatasetError> errors)
    {
        Console.Error.WriteLine($"{file.Name}: {errors.Count} error(s); nothing was written");
        foreach (var error in errors)
        {
            Console.Error.WriteLine("  " + error);
        }
    }
}
