using Employment.Demo;
using System.ComponentModel.DataAnnotations;
using Employment.Core.Reports;

namespace Employment.Web.Infrastructure;

/// <summary>The big screen's rules (configuration section "Screen").</summary>
public sealed class ScreenOptions
{
    /// <summary>The page reloads its figures this often.</summary>
    [Range(10, 3600)] public int RefreshSeconds { get; set; } = 60;

    /// <summary>Counts from 1 to this minus one are withheld on the public screen.</summary>
    [Range(2, 100)] public int MinimumCount { get; set; } = 5;
}

public static class OutcomesSetup
{
    /// <summary>Exit verification, the quarterly figures and their exports, and the big screen.</summary>
    public static IHostApplicationBuilder AddOutcomes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEmploymentOutcomes(builder.Configuration);
        builder.Services.AddOptions<ScreenOptions>().BindConfiguration("Screen").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<Pages.Screen.ScreenFigures>();
        builder.Services.AddScoped<DemoHistory>();
        if (builder.Configuration.GetValue<bool>("Seed:DemoHistory"))
        {
            builder.Services.AddHostedService<DemoHistoryStartup>();
        }
        return builder;
    }
}

/// <summary>
/// Runs <see cref="DemoHistory"/> once the demo district is loaded (hosted services start after the
/// seeding in Program.cs), so a first run has a year of figures to show. Opt-in: Seed:DemoHistory=true.
/// </summary>
internal sealed class DemoHistoryStartup(IServiceScopeFactory scopes, ILogger<DemoHistoryStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var placed = await scope.ServiceProvider.GetRequiredService<DemoHistory>().SeedAsync(cancellationToken: cancellationToken);
        if (placed > 0)
        {
            logger.LogInformation("Made up a year of demo history: {Placements} placements", placed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
