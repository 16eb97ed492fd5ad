using Employment.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Privacy;

/// <summary>
/// Makes deleted values leave the SQLite files, not only the queries. SQLite keeps a deleted or
/// overwritten value in the page's free space, in free pages and in the WAL until it is checkpointed
/// and reused. So the erase runs on one connection with <c>secure_delete</c> on (freed content is
/// zeroed), and afterwards VACUUM rewrites the file without free space and a truncating checkpoint
/// empties the WAL. Another provider (PostgreSQL) has its own vacuum; nothing is done for it here.
/// </summary>
public sealed class StoreCompaction : IAsyncDisposable
{
    private readonly AppDbContext _db;
    private readonly bool _sqlite;

    private StoreCompaction(AppDbContext db, bool sqlite)
    {
        _db = db;
        _sqlite = sqlite;
    }

    /// <summary>Opens the context's connection for the erase and turns secure_delete on for it.</summary>
    public static async Task<StoreCompaction> BeginAsync(AppDbContext db, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=ON;", ct);
        }
        return new StoreCompaction(db, sqlite);
    }

    /// <summary>VACUUM, then checkpoint the WAL into the file and truncate it; false when a reader kept the WAL from emptying.</summary>
    public async Task<bool> CompactAsync(CancellationToken ct)
    {
        if (!_sqlite)
        {
            return false;
        }
        return await VacuumAsync(_db, ct);
    }

    /// <summary>
    /// VACUUM and a truncating checkpoint on the context's connection (opened if it is not). Also run
    /// by the indexer when it applies an erase, so an erase made by another process (the CLI beside a
    /// running host, whose readers kept the WAL from emptying then) still leaves the files.
    /// </summary>
    public static async Task<bool> VacuumAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return false;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await VacuumOpenAsync(db, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<bool> VacuumOpenAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("VACUUM;", ct);
        // A reader of an older snapshot (the indexer, a page) holds the WAL for a moment: try again.
        for (var attempt = 0; attempt < 300; attempt++)
        {
            // The pragma answers one row (busy, log frames, checkpointed frames); busy 0 means done.
            await using (var command = db.Database.GetDbConnection().CreateCommand())
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

    public async ValueTask DisposeAsync()
    {
        if (_sqlite)
        {
            // The connection goes back to the pool: it must not keep the slower mode for everyone after.
            await _db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=OFF;");
            await _db.Database.CloseConnectionAsync();
        }
    }
}
