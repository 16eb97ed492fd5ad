using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;

namespace Employment.Tests.Infrastructure;

/// <summary>
/// Which database the integration tests' hosts and CLI runs use. By default the embedded SQLite file
/// under each test's data directory; when <c>EMPLOYMENT_TEST_POSTGRES</c> holds a server's connection
/// string without a database (<c>.ci/run</c> starts a throwaway cluster and sets it), a PostgreSQL
/// database of its own per data directory, which the first migration creates. Keyed by the data
/// directory, so a test that restarts a host, or runs the CLI beside it, on one directory finds the
/// same data, exactly as with the file.
/// </summary>
public static class TestStore
{
    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable("EMPLOYMENT_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public static bool IsPostgres => PostgresServer is not null;

    /// <summary>The connection string of the database that belongs to <paramref name="dataDir"/>.</summary>
    public static string PostgresFor(string dataDir)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir))))[..20];
        // Pooling off: hundreds of databases, each with its own pool, would hold the server's connections.
        return $"{PostgresServer};Database=t_{hash};Pooling=false;Timeout=30;Command Timeout=120";
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
