using Employment.Core.Data;

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
    private readonly bool _begun;

    private StoreCompaction(AppDbContext db, bool begun)
    {
        _db = db;
        _begun = begun;
    }

    /// <summary>Opens the context's connection for the erase and turns secure_delete on for it (SQLite).</summary>
    public static async Task<StoreCompaction> BeginAsync(AppDbContext db, CancellationToken ct) =>
        new(db, await db.BeginEraseAsync(ct));

    /// <summary>VACUUM, then checkpoint the WAL into the file and truncate it; false when a reader kept the WAL from emptying.</summary>
    public async Task<bool> CompactAsync(CancellationToken ct) => _begun && await _db.CompactAsync(ct);

    /// <summary>
    /// VACUUM and a truncating checkpoint on the context's connection (opened if it is not). Also run
    /// by the indexer when it applies an erase, so an erase made by another process (the CLI beside a
    /// running host, whose readers kept the WAL from emptying then) still leaves the files.
    /// </summary>
    public static Task<bool> VacuumAsync(AppDbContext db, CancellationToken ct) => db.CompactAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (_begun)
        {
            await _db.EndEraseAsync();
        }
    }
}
