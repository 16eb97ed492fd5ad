using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Matching;
using Employment.Core.Positions;
using Employment.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Kiosk;

/// <summary>
/// The kiosk's open positions and streets, read once and shared by every request until the job bank
/// changes or the day turns. Loading and mapping every open position on every anonymous request was
/// most of a kiosk page's time (see docs/benchmarks.md, "Kiosk pages").
///
/// Freshness does not lean on the indexer's pace: every save that touches a position or its
/// employer writes an outbox row in the same transaction (AppDbContext), so the outbox's highest id
/// is a version of the job bank that no writer, in this process or another (the CLI), can change
/// without moving. The snapshot is used only while its version is the database's:
/// - after a save in this process (<see cref="IndexSignal.Writes"/> moved), every request reads the
///   version again for a second (a save inside a longer transaction commits a moment after it
///   signals), so a position closed here is gone from the very next page;
/// - otherwise the version is read at most every <see cref="CheckInterval"/>, which bounds how long
///   another process's change (the CLI's import) can go unseen.
/// Reading the version on every request was itself half of a page's time under load (a pooled
/// connection and a query), hence the interval.
/// </summary>
public sealed class KioskSnapshot(IndexSignal signal)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AfterLocalWrite = TimeSpan.FromSeconds(1);

    internal sealed record Entry(long Version, DateOnly Day, IReadOnlyList<KioskPosition> Open,
        IReadOnlyDictionary<string, KioskPosition> ById, IReadOnlyList<KioskStreet> Streets)
    {
        /// <summary>The home screen's counts, computed once per snapshot rather than per view.</summary>
        public Lazy<KioskCounts> Counts { get; } = new(() => KioskCatalog.Count(Open));

        /// <summary>The street list's counts near each street, once per snapshot.</summary>
        public Lazy<IReadOnlyDictionary<string, int>> Near { get; } = new(() => KioskCatalog.CountNear(Open, Streets));
    }

    private Entry? _current;
    private long _checkedAt = long.MinValue;
    private long _seenWrites = -1;
    private long _recheckUntil;
    private int _builds;

    /// <summary>Builds taken since start: a test and the benchmark read it to see the cache work.</summary>
    public int Builds => Volatile.Read(ref _builds);

    internal async Task<Entry> GetAsync(AppDbContext db, DateOnly day, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        var writes = signal.Writes;
        if (writes != Interlocked.Exchange(ref _seenWrites, writes))
        {
            Volatile.Write(ref _recheckUntil, now + (long)AfterLocalWrite.TotalMilliseconds);
        }
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Day == day && now >= Volatile.Read(ref _recheckUntil)
            && now - Volatile.Read(ref _checkedAt) < (long)CheckInterval.TotalMilliseconds)
        {
            return current;
        }
        // The version first, the rows after: a change committed in between leaves the snapshot
        // tagged older than its rows, so it is rebuilt once more, never served stale.
        var version = await db.IndexChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        Volatile.Write(ref _checkedAt, now);
        if (current is null || current.Version != version || current.Day != day)
        {
            current = await BuildAsync(db, version, day, ct);
            Interlocked.Increment(ref _builds);
            // Concurrent builders race; a slower one that read an older version must not replace a newer one.
            if (Volatile.Read(ref _current) is not { } latest || latest.Day != day || latest.Version <= version)
            {
                Volatile.Write(ref _current, current);
            }
        }
        return current;
    }

    private static async Task<Entry> BuildAsync(AppDbContext db, long version, DateOnly day, CancellationToken ct)
    {
        var rows = await db.Positions.AsNoTracking().ListedOn(day)
            // The public contact is read only where its consent stands: nothing else of the employer's reaches a kiosk.
            .Select(p => new
            {
                Position = p,
                EmployerName = p.Employer!.Name,
                ContactName = p.Employer.PublicContactConsentUtc != null ? p.Employer.PublicContactName : null,
                ContactPhone = p.Employer.PublicContactConsentUtc != null ? p.Employer.PublicContactPhone : null,
            })
            .ToListAsync(ct);
        var open = rows.Select(r => KioskCatalog.ToKiosk(r.Position, r.EmployerName, r.ContactName, r.ContactPhone)).ToList();
        var streets = (await db.Divisions.AsNoTracking()
                .Where(d => d.Level == DivisionLevel.Street && d.Lat != null && d.Lon != null)
                .OrderBy(d => d.Code)
                .ToListAsync(ct))
            .Select(d => new KioskStreet(d.Code, d.Name, new GeoPoint(d.Lat!.Value, d.Lon!.Value))).ToList();
        return new Entry(version, day, open, open.ToDictionary(p => p.Id, StringComparer.Ordinal), streets);
    }
}
