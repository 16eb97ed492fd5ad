using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Employment.Core.Data;

/// <summary>The embedded default: one SQLite file under the data directory.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite keeps decimal as TEXT, which neither orders nor sums; money here is whole yuan
        // and cents, well inside a double's exact range.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    /// <summary>
    /// A file first created by the migrations history table is not WAL (efcore#36369); WAL lets
    /// readers (pages, the indexer) go on while one writer commits. Outside any transaction.
    /// </summary>
    internal override async Task AfterMigrateAsync(CancellationToken ct) =>
        await Database.ExecuteSqlRawAsync("PRAGMA journal_mode=wal;", ct);

    /// <summary>Freed pages are zeroed on this connection while an erase runs (see <see cref="Privacy.StoreCompaction"/>).</summary>
    internal override async Task<bool> BeginEraseAsync(CancellationToken ct)
    {
        await Database.OpenConnectionAsync(ct);
        await Database.ExecuteSqlRawAsync("PRAGMA secure_delete=ON;", ct);
        return true;
    }

    internal override async Task EndEraseAsync()
    {
        // The connection goes back to the pool: it must not keep the slower mode for everyone after.
        await Database.ExecuteSqlRawAsync("PRAGMA secure_delete=OFF;");
        await Database.CloseConnectionAsync();
    }

    /// <summary>VACUUM, then checkpoint the WAL into the file and truncate it; false when a reader kept the WAL from emptying.</summary>
    internal override async Task<bool> CompactAsync(CancellationToken ct)
    {
        await Database.OpenConnectionAsync(ct);
        try
        {
            await Database.ExecuteSqlRawAsync("VACUUM;", ct);
            // A reader of an older snapshot (the indexer, a page) holds the WAL for a moment: try again.
            for (var attempt = 0; attempt < 300; attempt++)
            {
                // The pragma answers one row (busy, log frames, checkpointed frames); busy 0 means done.
                await using (var command = Database.GetDbConnection().CreateCommand())
                {
                    command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    if (await reader.ReadAsync(ct) && reader.GetInt64(0) == 0)
                    {
                        return true;
                    }
                }
                await Task.Delay(100, ct);
            }
            return false;
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    /// <summary>SQLite forgets DateTimeKind; everything stored is UTC, so say so on the way back.</summary>
    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v,
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>For `dotnet ef migrations add`: the tools need a context without the host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>What the program asks of a SQLite store outside EF (the scheduler's tables).</summary>
public static class SqliteStore
{
    /// <summary>Whether <paramref name="table"/> exists in the store; false when the file does not exist yet.</summary>
    public static async Task<bool> TableExistsAsync(DataOptions data, string table, CancellationToken ct)
    {
        if (!File.Exists(data.SqlitePath) && string.IsNullOrWhiteSpace(data.Database.ConnectionString))
        {
            return false;
        }
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(data.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
