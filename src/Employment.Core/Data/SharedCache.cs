using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Core.Data;

/// <summary>One entry of <see cref="DatabaseCache"/>.</summary>
public sealed class CacheEntry
{
    [Key, MaxLength(200)] public required string Key { get; set; }
    [MaxLength(64 * 1024)] public required byte[] Value { get; set; }
    public DateTime ExpiresUtc { get; set; }
    /// <summary>Zero when the entry only has an absolute end; otherwise each read moves the end this far ahead (capped by <see cref="AbsoluteUtc"/>).</summary>
    public long SlidingSeconds { get; set; }
    public DateTime? AbsoluteUtc { get; set; }
}

/// <summary>
/// <see cref="IDistributedCache"/> in the application's database, for state every web node must see
/// (the kiosk's server-side sessions) when several nodes share one PostgreSQL database. The same
/// shape as Microsoft's SQL Server cache, which has no PostgreSQL sibling among the packages served
/// here; one node on SQLite keeps the in-memory cache.
/// </summary>
public sealed class DatabaseCache(IServiceScopeFactory scopes, TimeProvider clock) : IDistributedCache
{
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = await db.Set<CacheEntry>().SingleOrDefaultAsync(e => e.Key == key, token);
        if (entry is null || entry.ExpiresUtc <= now)
        {
            return null;
        }
        if (entry.SlidingSeconds > 0)
        {
            Slide(entry, now);
            await db.SaveChangesAsync(token);
        }
        return entry.Value;
    }

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default) => await GetAsync(key, token);

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Set<CacheEntry>().Where(e => e.Key == key).ExecuteDeleteAsync(token);
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var absolute = options.AbsoluteExpiration?.UtcDateTime
            ?? (options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : (DateTime?)null);
        var sliding = (long)(options.SlidingExpiration?.TotalSeconds ?? 0);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Expired entries go as new ones come: no sweeper needed.
        await db.Set<CacheEntry>().Where(e => e.ExpiresUtc <= now).ExecuteDeleteAsync(token);
        var entry = await db.Set<CacheEntry>().SingleOrDefaultAsync(e => e.Key == key, token);
        if (entry is null)
        {
            entry = new CacheEntry { Key = key, Value = value };
            db.Add(entry);
        }
        entry.Value = value;
        entry.SlidingSeconds = sliding;
        entry.AbsoluteUtc = absolute;
        entry.ExpiresUtc = absolute ?? now.AddSeconds(sliding > 0 ? sliding : 20 * 60);
        if (sliding > 0)
        {
            Slide(entry, now);
        }
        await db.SaveChangesAsync(token);
    }

    private static void Slide(CacheEntry entry, DateTime now)
    {
        var next = now.AddSeconds(entry.SlidingSeconds);
        entry.ExpiresUtc = entry.AbsoluteUtc is { } cap && cap < next ? cap : next;
    }
}
