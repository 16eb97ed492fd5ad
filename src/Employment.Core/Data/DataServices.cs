using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Employment.Core.Data;

public static class DataServices
{
    /// <summary>
    /// Binds <see cref="DataOptions"/> from the configuration root (<c>DataDir</c>, <c>Database:*</c>)
    /// and registers the provider's <see cref="AppDbContext"/>.
    /// </summary>
    public static IServiceCollection AddEmploymentData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DataOptions>()
            .Bind(configuration)
            .ValidateDataAnnotations()
            .Validate(o => o.Database.Provider is DatabaseOptions.Sqlite or DatabaseOptions.Postgres, "Database:Provider must be Sqlite or Postgres")
            .Validate(o => o.Database.Provider != DatabaseOptions.Postgres || !string.IsNullOrWhiteSpace(o.Database.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is Postgres")
            .ValidateOnStart();
        // The one clock: the system's time in the district's zone (see DistrictClock).
        var zone = Domain.DistrictTimeProvider.FindZone(configuration["Schedules:TimeZone"]);
        services.AddSingleton<TimeProvider>(new Domain.DistrictTimeProvider(TimeProvider.System, zone));
        // The provider is read here, before the options are validated, because it picks the context's type.
        if (configuration["Database:Provider"] is DatabaseOptions.Postgres)
        {
            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, options) =>
                Configure(sp, options.UseNpgsql(sp.GetRequiredService<IOptions<DataOptions>>().Value.ConnectionString)));
        }
        else
        {
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, options) =>
                Configure(sp, options.UseSqlite(sp.GetRequiredService<IOptions<DataOptions>>().Value.ConnectionString)));
        }
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<Interchange.DatasetImporter>();
        services.AddScoped<Interchange.DatasetExporter>();
        services.AddScoped<Interchange.DemoSeeder>();
        services.AddScoped<Placement.PlacementWorkflow>();
        services.AddScoped<Placement.FairOutcomes>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<Households.TalentPoolRegister>();
        services.AddOptions<Privacy.PrivacyOptions>().Bind(configuration.GetSection(Privacy.PrivacyOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Privacy.PersonRights>();
        // The program's running rules: referrals that expire and their fair share, public-welfare terms and budgets, satisfaction.
        services.AddOptions<Counseling.ReferralOptions>().Bind(configuration.GetSection(Counseling.ReferralOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Placement.PublicWelfareOptions>().Bind(configuration.GetSection(Placement.PublicWelfareOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Counseling.ReferralExpiry>();
        services.AddScoped<Placement.PublicWelfareBudget>();
        services.AddScoped<Placement.SatisfactionSurveys>();
        return services;
    }

    private static void Configure(IServiceProvider sp, DbContextOptionsBuilder options)
    {
        // Present when search is registered: wakes the indexer after a save queued index work.
        if (sp.GetService<Search.IndexSignalInterceptor>() is { } signal)
        {
            options.AddInterceptors(signal);
        }
    }
}

/// <summary>Creates the data directory and brings the schema up to date.</summary>
public sealed class DatabaseInitializer(AppDbContext db, IOptions<DataOptions> options)
{
    /// <summary>
    /// Makes the database first (PostgreSQL), then holds the lock under which one node at a time
    /// migrates and seeds; dispose to release.
    /// </summary>
    public async Task<IAsyncDisposable> StartLockAsync(CancellationToken cancellationToken = default)
    {
        await db.BeforeMigrateAsync(cancellationToken);
        return await db.StartLockAsync(cancellationToken);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.Value.FullDataDir);
        await db.BeforeMigrateAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await db.AfterMigrateAsync(cancellationToken);
    }
}
