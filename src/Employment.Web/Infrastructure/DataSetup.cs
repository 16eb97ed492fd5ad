using Employment.Core.Data;
using Employment.Core.Interchange;

namespace Employment.Web.Infrastructure;

public sealed class SeedOptions
{
    /// <summary>Load the demo district into an empty database at start.</summary>
    public bool Demo { get; set; } = true;
}

public static class DataSetup
{
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEmploymentData(builder.Configuration);
        builder.Services.AddOptions<SeedOptions>().BindConfiguration("Seed");
        builder.Services.AddScoped<DemoSeeder>();
        return builder;
    }

    /// <summary>Migrate, then seed: the seeder only ever fills empty tables.</summary>
    public static async Task InitializeDataAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        var seed = app.Configuration.GetSection("Seed").Get<SeedOptions>() ?? new SeedOptions();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        await seeder.SeedDivisionsAsync();
        await scope.ServiceProvider.GetRequiredService<Employment.Core.Accounts.UserAccounts>().EnsureRolesAsync();
        if (seed.Demo)
        {
            var summary = await seeder.SeedDemoDistrictAsync();
            if (summary is not null)
            {
                app.Logger.LogInformation("Loaded the demo district: {Positions} positions, {Households} households, {Persons} persons",
                    summary.Positions, summary.Households, summary.Persons);
            }
        }
    }
}
