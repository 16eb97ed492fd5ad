using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Employment.Tests.Infrastructure;

/// <summary>
/// Which database the integration tests' hosts and CLI runs use. By default the embedded SQLite file
/// under each test's data directory; when <c>EMPLOYMENT_TEST_POSTGRES</c> holds a server's connection
/// string without a database (<c>.ci/run</c> starts a throwaway cluster and sets it), a PostgreSQL
/// database of its own per data directory, copied from a migrated template (<see cref="PostgresTemplate"/>). Keyed by the data
/// directory, so a test that restarts a host, or runs the CLI beside it, on one directory finds the
/// same data, exactly as with the file.
/// </summary>
public static class TestStore
{
    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable("EMPLOYMENT_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public static bool IsPostgres => PostgresServer is not null;

    /// <summary>
    /// The connection string of the database that belongs to <paramref name="dataDir"/>, which exists
    /// once this returns: a copy of a template database the migrations built once for this run.
    /// </summary>
    public static string PostgresFor(string dataDir)
    {
        var connectionString = PostgresConnection(dataDir);
        var name = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
        Copied.GetOrAdd(name, n => new Lazy<Task>(() => Task.Run(() => PostgresTemplate.CopyAsync(n)))).Value.GetAwaiter().GetResult();
        return connectionString;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> Copied = new(StringComparer.Ordinal);

    private static string PostgresConnection(string dataDir)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir))))[..20];
        // Pooled, as in production: without a pool every query opened a server process of its own
        // (~100 ms each on a loaded machine, most of a test's time). Hundreds of databases each get a
        // pool, so a pool stays small and lets its idle connections go within seconds of a test's end.
        return $"{PostgresServer};Database=t_{hash};Maximum Pool Size=20;Connection Idle Lifetime=3;Connection Pruning Interval=1;Timeout=30;Command Timeout=120";
    }

    /// <summary>Points a web host at the store for <paramref name="dataDir"/> (nothing to say for SQLite).</summary>
    public static void Use(IWebHostBuilder builder, string dataDir)
    {
        if (PostgresServer is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", PostgresFor(dataDir));
        }
    }

    /// <summary>One value read straight from the store of <paramref name="dataDir"/>, outside the program (identifiers quoted: both dialects read them).</summary>
    public static object? Scalar(string dataDir, string sql)
    {
        using System.Data.Common.DbConnection connection = PostgresServer is not null
            ? new Npgsql.NpgsqlConnection(PostgresFor(dataDir))
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataDir, "employment.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The data options a test's host or CLI run has on <paramref name="dataDir"/>.</summary>
    public static Core.Data.DataOptions Options(string dataDir) => new()
    {
        DataDir = dataDir,
        Database = PostgresServer is null ? new() : new() { Provider = "Postgres", ConnectionString = PostgresFor(dataDir) },
    };

    /// <summary>Configuration for services built without a host (Core-level tests) over <paramref name="dataDir"/>.</summary>
    public static Dictionary<string, string?> Settings(string dataDir)
    {
        var settings = new Dictionary<string, string?> { ["DataDir"] = dataDir };
        if (PostgresServer is not null)
        {
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = PostgresFor(dataDir);
        }
        return settings;
    }

    /// <summary>The environment a CLI process needs for the store of <paramref name="dataDir"/>.</summary>
    public static void Use(System.Diagnostics.ProcessStartInfo start, string? dataDir)
    {
        start.Environment.Remove("Database__Provider");
        start.Environment.Remove("Database__ConnectionString");
        if (PostgresServer is not null && dataDir is not null)
        {
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["Database__ConnectionString"] = PostgresFor(dataDir);
        }
    }

    /// <summary>The value of <c>--DataDir</c> (or <c>--data-dir</c>) in a CLI argument list.</summary>
    public static string? DataDirIn(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--DataDir" or "--data-dir" && i + 1 < args.Count)
            {
                return args[i + 1];
            }
            if (args[i].StartsWith("--DataDir=", StringComparison.Ordinal) || args[i].StartsWith("--data-dir=", StringComparison.Ordinal))
            {
                return args[i][(args[i].IndexOf('=') + 1)..];
            }
        }
        return null;
    }
}

/// <summary>
/// Each test's PostgreSQL database starts as a copy of one the migrations built once per test run
/// (<c>CREATE DATABASE … TEMPLATE</c>): the same schema and migration history the program would
/// make, without every host and CLI run of ~250 tests applying every migration again. The template
/// is named by the migrations it holds, so a new migration gets a new template. Nothing else is in
/// it: each host still creates its scheduler tables, seeds, and records its node as on a fresh database.
/// </summary>
internal static class PostgresTemplate
{
    // On the thread pool: callers wait for it synchronously, from xUnit's synchronization context too.
    private static readonly Lazy<Task<string>> Template = new(() => Task.Run(BuildAsync));

    /// <summary>Creates <paramref name="database"/> from the template unless it exists (a test that reopens a data directory).</summary>
    public static async Task CopyAsync(string database)
    {
        var template = await Template.Value;
        try
        {
            await ExecuteAsync($"CREATE DATABASE {Quote(database)} TEMPLATE {Quote(template)}");
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState is "42P04" or "23505")
        {
            // duplicate_database: made before (an earlier test run on this server, or a process beside this one)
        }
    }

    private static async Task<string> BuildAsync()
    {
        var server = TestStore.PostgresServer!;
        var building = $"t_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        var options = new DbContextOptionsBuilder<Core.Data.PostgresAppDbContext>()
            // Unpooled: no idle connection may stay on a template, or copying it fails.
            .UseNpgsql($"{server};Database={building};Pooling=false;Timeout=30;Command Timeout=120").Options;
        string name;
        using (var scratch = new TempDir("employment-pg-template"))
        {
            await using var db = new Core.Data.PostgresAppDbContext(options);
            name = "t_template_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', db.Database.GetMigrations()))))[..16];
            if (await ExistsAsync(name))
            {
                return name;
            }
            await new Core.Data.DatabaseInitializer(db, Microsoft.Extensions.Options.Options.Create(new Core.Data.DataOptions { DataDir = scratch.Path })).MigrateAsync();
        }
        try
        {
            await ExecuteAsync($"ALTER DATABASE {Quote(building)} RENAME TO {Quote(name)}");
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState is "42P04" or "23505")
        {
            await ExecuteAsync($"DROP DATABASE {Quote(building)}"); // another process built it first
        }
        return name;
    }

    private static async Task<bool> ExistsAsync(string database)
    {
        await using var connection = new Npgsql.NpgsqlConnection($"{TestStore.PostgresServer};Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pg_database WHERE datname = @name";
        command.Parameters.AddWithValue("name", database);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection($"{TestStore.PostgresServer};Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>
/// Marks a test class whose tests run through the real web host or the real CLI on the configured
/// store: <c>.ci/run</c> runs these a second time on PostgreSQL (<c>--filter Store=Both</c>).
/// </summary>
[Xunit.Sdk.TraitDiscoverer("Employment.Tests.Infrastructure.BothStoresDiscoverer", "Employment.Tests")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class BothStoresAttribute : Attribute, Xunit.Sdk.ITraitAttribute;

public sealed class BothStoresDiscoverer : Xunit.Sdk.ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(Xunit.Abstractions.IAttributeInfo traitAttribute) =>
        [new("Store", "Both")];
}

/// <summary>A test of the SQLite file itself (its bytes, its path): left out of the PostgreSQL run.</summary>
[Xunit.Sdk.TraitDiscoverer("Employment.Tests.Infrastructure.SqliteOnlyDiscoverer", "Employment.Tests")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class SqliteOnlyAttribute : Attribute, Xunit.Sdk.ITraitAttribute;

public sealed class SqliteOnlyDiscoverer : Xunit.Sdk.ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(Xunit.Abstractions.IAttributeInfo traitAttribute) =>
        [new("SqliteOnly", "true")];
}
