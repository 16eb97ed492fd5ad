using System.CommandLine;
using Employment.Core.Data;
using Employment.Core.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Employment.Cli;

/// <summary>Exit codes the verbs share: scripts and outside checks rely on them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int InvalidInput = 2;
}

internal static class CliOptions
{
    /// <summary>The `--district` option's refusals (export, report) as the operator reads them; null for any other refusal.</summary>
    public static string? DistrictMessage(Core.Domain.RefusalException refusal) => refusal.Code switch
    {
        Core.Domain.RefusalCodes.DistrictRequired => $"--district: the store holds several districts; name one: {refusal.Arguments[0]}",
        Core.Domain.RefusalCodes.UnknownDistrict => $"--district: no district has the division code '{refusal.Arguments[0]}'; the store holds {refusal.Arguments[1]}",
        _ => null,
    };

    /// <summary>
    /// The same key as the web application's configuration, so one value points both at the
    /// same state. The environment variable DataDir works too.
    /// </summary>
    public static readonly Option<string?> DataDir = new("--DataDir", "--data-dir")
    {
        Description = "the data directory (default: $DataDir, else ./data)",
        Recursive = true,
    };

    /// <summary>
    /// The district's clock for verbs that need "today" before they build their services: the
    /// same zone key (<c>Schedules:TimeZone</c>, also from the environment) as everything else.
    /// </summary>
    public static TimeProvider Clock { get; } = new Core.Domain.DistrictTimeProvider(TimeProvider.System,
        Core.Domain.DistrictTimeProvider.FindZone(new ConfigurationBuilder().AddEnvironmentVariables().Build()["Schedules:TimeZone"]));

    /// <summary>
    /// The contract's <c>--as-of YYYY-MM-DD</c> (default: the district's today), for every verb
    /// that takes it; a bad date is said on standard error and the verb exits 2.
    /// </summary>
    public static bool TryAsOf(string? text, out DateOnly day)
    {
        day = Core.Domain.DistrictClock.Today(Clock);
        if (text is null || DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out day))
        {
            return true;
        }
        Console.Error.WriteLine($"--as-of: '{text}' is not a date YYYY-MM-DD");
        return false;
    }

    /// <summary>Services over the configured data directory; the caller disposes.</summary>
    public static ServiceProvider BuildServices(ParseResult parse, string? dataDirOverride = null, bool search = false,
        Action<IServiceCollection>? configure = null, Action<IServiceCollection, IConfiguration>? withConfiguration = null)
    {
        var values = new Dictionary<string, string?>();
        var dataDir = dataDirOverride ?? parse.GetValue(DataDir);
        if (!string.IsNullOrWhiteSpace(dataDir))
        {
            values["DataDir"] = dataDir;
        }
        if (dataDirOverride is not null)
        {
            // A verb's scratch store for one dataset file (match, search, plan, training): always the
            // embedded SQLite file there, whatever store the configuration names for the program's data.
            values["Database:Provider"] = DatabaseOptions.Sqlite;
            values["Database:ConnectionString"] = "";
        }
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(values)
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error));
        services.AddEmploymentData(configuration);
        if (search)
        {
            services.AddEmploymentSearch(configuration);
        }
        configure?.Invoke(services);
        withConfiguration?.Invoke(services, configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
