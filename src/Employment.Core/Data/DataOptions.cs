using System.ComponentModel.DataAnnotations;

namespace Employment.Core.Data;

/// <summary>
/// Where all state lives: the SQLite file, the index folders and the scheduler's tables sit under
/// one data directory (on PostgreSQL the database and the scheduler live on the server and the data
/// directory keeps this node's indexes) (configuration key <c>DataDir</c>, default <c>data/</c> under the current directory).
/// </summary>
public sealed class DataOptions
{
    /// <summary>
    /// Resolved to a full path when set (at start): a request never depends on the current
    /// directory, which may change or disappear while the host runs.
    /// </summary>
    [Required]
    public string DataDir { get; set => field = string.IsNullOrWhiteSpace(value) ? value : Path.GetFullPath(value); } = Path.GetFullPath("data");

    public DatabaseOptions Database { get; set; } = new();

    public string FullDataDir => DataDir;

    public string SqlitePath => Path.Combine(FullDataDir, "employment.db");

    public string IndexRoot => Path.Combine(FullDataDir, "index");

    public string ConnectionString =>
        string.IsNullOrWhiteSpace(Database.ConnectionString)
            ? $"Data Source={SqlitePath};Foreign Keys=True;Default Timeout=30;Pooling=True"
            : Database.ConnectionString;
}

public sealed class DatabaseOptions
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>"Sqlite" (the embedded default) or "Postgres" (several nodes on one server).</summary>
    public string Provider { get; set; } = Sqlite;

    public bool IsPostgres => Provider == Postgres;

    /// <summary>Empty means the SQLite file under the data directory; required for Postgres (an Npgsql connection string).</summary>
    public string? ConnectionString { get; set; }
}
