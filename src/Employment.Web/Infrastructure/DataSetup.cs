using Employment.Core.Data;
using Employment.Core.Interchange;
using Microsoft.AspNetCore.DataProtection;

namespace Employment.Web.Infrastructure;

public sealed class SeedOptions
{
    /// <summary>
    /// Load the demo district into an empty database at start. Off unless configured (it is on in
    /// appsettings.Development.json): a production database never fills with a fictional district.
    /// </summary>
    public bool Demo { get; set; }
}

/// <summary>Whether this start loaded the demo district: demo accounts and kiosk cards are for it alone.</summary>
public sealed class SeedState
{
    public bool DemoLoaded { get; set; }
}

/// <summary>Where the Data Protection key ring lives (configuration section <c>KeyRing</c>).</summary>
public sealed class KeyRingOptions
{
    /// <summary>
    /// "DataDir": files in <c>keys/</c> under the data directory, beside the database they protect
    /// sessions for. "Database": the <c>DataProtectionKeys</c> table, which every web node sharing the
    /// database reads, so a cookie or kiosk sign-in made on one node is honoured on another without
    /// sticky sessions. Empty: Database on PostgreSQL, DataDir on SQLite.
    /// </summary>
    public string? Store { get; set; }
}

public static class DataSetup
{
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEmploymentData(builder.Configuration);
        builder.AddKeyRing();
        builder.Services.AddOptions<SeedOptions>().BindConfiguration("Seed");
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddSingleton<SeedState>();
        return builder;
    }

    /// <summary>Migrate, then seed: the seeder only ever fills empty tables. True when this start loaded the demo district.</summary>
    public static async Task<bool> InitializeDataAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        // Several nodes may start together on one PostgreSQL database: one migrates and seeds, the
        // others wait and then find the rows there.
        await using var exclusive = await initializer.StartLockAsync();
        await initializer.MigrateAsync();
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
                app.Services.GetRequiredService<SeedState>().DemoLoaded = true;
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The key ring that protects cookies and antiforgery tokens. ASP.NET Core's default is the
    /// user's home, shared by every instance on the machine and lost with a fresh container; the
    /// keys belong with the data they guard, so two data directories never trust each other's cookies.
    /// </summary>
    private static void AddKeyRing(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("KeyRing").Get<KeyRingOptions>() ?? new KeyRingOptions();
        var protection = builder.Services.AddDataProtection().SetApplicationName("Employment");
        var data = new DataOptions();
        builder.Configuration.Bind(data);
        switch (string.IsNullOrWhiteSpace(options.Store) ? (data.Database.IsPostgres ? "Database" : "DataDir") : options.Store)
        {
            case "DataDir":
                var keys = Path.Combine(data.FullDataDir, "keys");
                Directory.CreateDirectory(keys);
                protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
                break;
            case "Database":
                protection.PersistKeysToDbContext<AppDbContext>();
                break;
            default:
                throw new InvalidOperationException($"KeyRing:Store must be DataDir or Database, not '{options.Store}'");
        }
    }
}
