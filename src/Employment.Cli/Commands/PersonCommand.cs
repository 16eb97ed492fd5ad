using System.CommandLine;
using Employment.Core.Domain;
using Employment.Core.Data;
using Employment.Core.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Cli.Commands;

/// <summary>
/// A person's rights from the operator's shell (PIPL arts. 45 and 47):
/// `employment person export --person ID` prints everything held about the person as JSON;
/// `employment person erase --person ID --reason TEXT` erases their identifying data from the
/// database and compacts its files; both indexes follow through the outbox.
/// </summary>
internal static class PersonCommand
{
    public static Command Create()
    {
        var command = new Command("person", "a person's data: export everything held, or erase it");
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Erase());
        return command;
    }

    private static string Actor => "cli:" + Environment.UserName;

    private static Command Export()
    {
        var person = new Option<string>("--person") { Description = "the person's id", Required = true };
        var command = new Command("export", "print everything held about a person as JSON (the ID number masked); the export is audited") { person };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliOptions.BuildServices(parse);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var id = parse.GetValue(person)!;
            var file = await scope.ServiceProvider.GetRequiredService<PersonRights>().ExportAsync(id, Actor, "cli", ct);
            if (file is null)
            {
                Console.Error.WriteLine($"person {id}: no such person");
                return ExitCodes.InvalidInput;
            }
            await Console.Out.WriteLineAsync(file.ToJson());
            await Console.Out.FlushAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Erase()
    {
        var person = new Option<string>("--person") { Description = "the person's id", Required = true };
        var reason = new Option<string>("--reason") { Description = "why (the person's request, the end of retention); kept in the audit", Required = true };
        var command = new Command("erase", "erase a person's identifying data from the database, both indexes and the files") { person, reason };
        command.SetAction(async (parse, ct) =>
        {
            var id = parse.GetValue(person)!;
            await using var services = CliOptions.BuildServices(parse);
            ErasureResult result;
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
                try
                {
                    result = await scope.ServiceProvider.GetRequiredService<PersonRights>().EraseAsync(id, parse.GetValue(reason), Actor, ct);
                }
                catch (RefusalException refusal)
                {
                    Console.Error.WriteLine($"{refusal.Record}: {refusal.Field}: {Describe(refusal.Code)}; nothing was changed");
                    return ExitCodes.InvalidInput;
                }
            }
            Console.Error.WriteLine($"person {id}: erased; {result.ReferralsWithdrawn} open referrals withdrawn, {result.TextsScrubbed} texts scrubbed"
                + (result.StoreCompacted ? "; database compacted" : "; the WAL was held by a reader: the indexer compacts the database when it applies the erase"));
            // The indexes are not opened here: a running web host owns their writers (two writers on one
            // index corrupt it). The erase's outbox rows make the host's indexer delete the person and
            // rewrite the segments within seconds; without a host, `employment reindex` or the next start does.
            Console.Error.WriteLine("the indexes apply the erase from the outbox: a running web host within seconds, else `employment reindex` or the host's next start");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(string code) => code switch
    {
        RefusalCodes.Required => "required",
        RefusalCodes.TooLong => "too long or holds a control character",
        RefusalCodes.NoSuchRecord => "no such person",
        RefusalCodes.NotAllowed => "already erased",
        _ => code,
    };
}
