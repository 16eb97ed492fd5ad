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
        return builder;
    }
}
