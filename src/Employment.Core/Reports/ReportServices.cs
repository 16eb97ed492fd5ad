using Employment.Core.Households;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Core.Reports;

public static class ReportServices
{
    /// <summary>The figures and the exit verification, with their rules bound from "Outcomes" and checked at start.</summary>
    public static IServiceCollection AddEmploymentOutcomes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutcomeOptions>().Bind(configuration.GetSection(OutcomeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<OutcomeReports>();
        services.AddScoped<HouseholdExits>();
        services.AddScoped<LinesDesk>();
        return services;
    }
}
