using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Employment.Core.Data;
using Employment.Core.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Extensibility;

namespace Employment.Cli.Commands;

/// <summary>
/// `employment schedules list|pause|resume|run`: the web host's schedules, read from and written to
/// the Quartz tables of the configured data directory through a scheduler that is never started
/// (so it fires nothing and recovers nothing). Each change is one SQLite transaction; a running
/// host picks it up on its next look at the store (within Schedules:IdleWaitSeconds, 10 s by
/// default). `run` queues a firing: the running host runs it, or the next one to start does.
/// </summary>
internal static class SchedulesCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static Command Create()
    {
        var command = new Command("schedules", "list, pause, resume or run the web host's schedules (fair, follow-ups, upkeep)");
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var list = new Command("list", "every schedule with its next and last fire time and last result") { format };
        list.SetAction((parse, ct) => WithSchedulerAsync(parse, ct, async (scheduler, history) =>
        {
            var items = await ScheduleBook.ListAsync(scheduler, history, ct);
            var cluster = await ClusterAsync(scheduler, ct);
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(new { cluster.Clustered, cluster.Instances, Schedules = items }, Json));
            }
            else
            {
                if (cluster.Clustered)
                {
                    Console.WriteLine($"cluster: {cluster.Instances.Count} scheduler(s) checked in");
                    foreach (var instance in cluster.Instances)
                    {
                        Console.WriteLine($"  {instance.Id,-40} last check-in {Time(instance.LastCheckIn)} {instance.State}");
                    }
                }
                foreach (var s in items)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{s.Name,-16} {s.State,-8} {s.Cron,-24} next {Time(s.NextFireUtc),-23} last {Time(s.LastRunUtc),-23} {s.LastResult} {s.LastSummary}"));
                }
            }
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(list);
        command.Subcommands.Add(Change("pause", "pause a schedule (it fires nothing until resumed)", ScheduleBook.PauseAsync, "paused"));
        command.Subcommands.Add(Change("resume", "resume a paused schedule", ScheduleBook.ResumeAsync, "resumed"));
        command.Subcommands.Add(Change("run", "queue one run now; the running web host (or the next to start) runs it", ScheduleBook.RunNowAsync,
            "queued: a running web host runs it within seconds, else the next one to start"));
        return command;
    }

    private static Command Change(string verb, string description, Func<IScheduler, string, CancellationToken, Task<bool>> change, string done)
    {
        var name = new Argument<string>("name") { Description = string.Join(", ", ScheduleBook.All.Select(d => d.Name)) };
        var command = new Command(verb, description) { name };
        command.SetAction((parse, ct) => WithSchedulerAsync(parse, ct, async (scheduler, _) =>
        {
            var schedule = parse.GetValue(name)!;
            if (ScheduleBook.Find(schedule) is null)
            {
                await Console.Error.WriteLineAsync($"no schedule '{schedule}'; the schedules are {string.Join(", ", ScheduleBook.All.Select(d => d.Name))}");
                return ExitCodes.InvalidInput;
            }
            if (!await change(scheduler, schedule, ct))
            {
                await Console.Error.WriteLineAsync($"schedule '{schedule}' is not stored yet: start the web host once on this data directory");
                return ExitCodes.Failed;
            }
            Console.WriteLine($"{schedule}: {done}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<int> WithSchedulerAsync(ParseResult parse, CancellationToken ct, Func<IScheduler, IExecutionHistoryStore?, Task<int>> work)
    {
        await using var services = CliOptions.BuildServices(parse, withConfiguration: (s, configuration) =>
        {
            var data = configuration.Get<DataOptions>() ?? new DataOptions();
            var schedules = configuration.GetSection(ScheduleOptions.Section).Get<ScheduleOptions>() ?? new ScheduleOptions();
            s.AddQuartz(q => q.UseEmploymentStore(data, schedules));
        });
        var dataOptions = services.GetRequiredService<IOptions<DataOptions>>().Value;
        if (!await SchedulingServices.StoreExistsAsync(dataOptions, ct))
        {
            await Console.Error.WriteLineAsync(dataOptions.Database.IsPostgres
                ? "no schedules in the database yet: a web host creates them at its first start on it"
                : $"no schedules in {dataOptions.FullDataDir}: the web host creates them at its first start there");
            // An empty list is still a list: scripts reading JSON get the object with no schedules rather than nothing.
            if (parse.CommandResult.Command.Name == "list")
            {
                if (parse.CommandResult.Command.Options.OfType<Option<string>>().FirstOrDefault(o => o.Name == "--format") is { } f
                    && parse.GetValue(f) == "json")
                {
                    Console.WriteLine(JsonSerializer.Serialize(new { Clustered = dataOptions.Database.IsPostgres, Instances = Array.Empty<Instance>(), Schedules = Array.Empty<object>() }, Json));
                }
                return ExitCodes.Ok;
            }
            return ExitCodes.Failed;
        }
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
        return await work(scheduler, services.GetService<IExecutionHistoryStore>());
    }

    /// <summary>A scheduler of the cluster that has checked in: the web nodes (the CLI's own never starts, so never checks in).</summary>
    private sealed record Instance(string Id, DateTimeOffset? LastCheckIn, string State);

    private static async Task<(bool Clustered, IReadOnlyList<Instance> Instances)> ClusterAsync(IScheduler scheduler, CancellationToken ct)
    {
        var clustered = (await scheduler.GetMetadata(ct)).JobStoreClustered;
        if (!clustered)
        {
            return (false, []);
        }
        var nodes = await scheduler.QueryClusterNodes(ct);
        return (true, nodes.Where(n => !n.IsCurrentNode && n.LastCheckInUtc is not null)
            .Select(n => new Instance(n.InstanceId, n.LastCheckInUtc, n.State.ToString())).ToList());
    }

    /// <summary>In the district's zone with its offset, as people read times; the JSON keeps UTC.</summary>
    private static string Time(DateTimeOffset? t) =>
        t is { } v ? TimeZoneInfo.ConvertTime(v, CliOptions.Clock.LocalTimeZone).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) : "-";
}
