using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Employment.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Employment.Core.Search;

/// <summary>
/// One web node that keeps its own indexes from the database outbox (several nodes share one
/// PostgreSQL database; a SQLite store has one). Each records how far it has applied the outbox, so
/// the outbox is purged only past the slowest node that is still alive.
/// </summary>
public sealed class SearchNode
{
    [Key, MaxLength(128)] public required string Id { get; set; }
    [MaxLength(256)] public string? Host { get; set; }
    [MaxLength(1000)] public string? IndexRoot { get; set; }
    public long JobBankWatermark { get; set; }
    public long TalentPoolWatermark { get; set; }
    public int JobBankDocuments { get; set; }
    public int TalentPoolDocuments { get; set; }
    public long CourseWatermark { get; set; }
    public int CourseDocuments { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
}

/// <summary>This node's row in <see cref="AppDbContext.SearchNodes"/>, and the purge limit the live nodes set.</summary>
public sealed class SearchNodes(IServiceScopeFactory scopes, IOptions<SearchOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private readonly DateTime _started = clock.GetUtcNow().UtcDateTime;
    private (long JobBank, long TalentPool, long Courses) _recorded = (-1, -1, -1);
    private DateTime _recordedAt = DateTime.MinValue;

    /// <summary>
    /// <c>Search:NodeId</c>, else the machine's name and a digest of the index folder: stable across
    /// restarts of one node, different for two nodes on one machine.
    /// </summary>
    public string NodeId { get; } = string.IsNullOrWhiteSpace(options.Value.NodeId)
        ? $"{Environment.MachineName}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(options.Value.IndexRoot))))[..12]}"
        : options.Value.NodeId.Trim();

    /// <summary>Records this node's watermarks when they moved, and at least every 30 seconds (its "last seen").</summary>
    public async Task RecordAsync(LuceneIndexState jobBank, LuceneIndexState talentPool, LuceneIndexState courses, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_recorded == (jobBank.Watermark, talentPool.Watermark, courses.Watermark) && now - _recordedAt < Heartbeat)
        {
            return;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var updated = await db.SearchNodes.Where(n => n.Id == NodeId).ExecuteUpdateAsync(u => u
            .SetProperty(n => n.JobBankWatermark, jobBank.Watermark)
            .SetProperty(n => n.TalentPoolWatermark, talentPool.Watermark)
            .SetProperty(n => n.JobBankDocuments, jobBank.Documents)
            .SetProperty(n => n.TalentPoolDocuments, talentPool.Documents)
            .SetProperty(n => n.CourseWatermark, courses.Watermark)
            .SetProperty(n => n.CourseDocuments, courses.Documents)
            .SetProperty(n => n.LastSeenUtc, now), ct);
        if (updated == 0)
        {
            db.SearchNodes.Add(new SearchNode
            {
                Id = NodeId,
                Host = Environment.MachineName,
                IndexRoot = Path.GetFullPath(options.Value.IndexRoot),
                JobBankWatermark = jobBank.Watermark,
                TalentPoolWatermark = talentPool.Watermark,
                JobBankDocuments = jobBank.Documents,
                TalentPoolDocuments = talentPool.Documents,
                CourseWatermark = courses.Watermark,
                CourseDocuments = courses.Documents,
                StartedUtc = _started,
                LastSeenUtc = now,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                return; // a second process on the same index folder wrote it first; the next pass updates it
            }
        }
        _recorded = (jobBank.Watermark, talentPool.Watermark, courses.Watermark);
        _recordedAt = now;
    }

    /// <summary>
    /// The lowest watermark of each index among the nodes seen within <c>Search:NodeTimeoutMinutes</c>
    /// (null when none is recorded). A node silent for longer no longer holds the outbox back; when
    /// it returns and finds its watermark purged, it rebuilds.
    /// </summary>
    public async Task<(long? JobBank, long? TalentPool, long? Courses)> SlowestLiveAsync(AppDbContext db, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(options.Value.NodeTimeoutMinutes);
        var live = db.SearchNodes.Where(n => n.LastSeenUtc >= since && n.Id != NodeId);
        return (await live.MinAsync(n => (long?)n.JobBankWatermark, ct), await live.MinAsync(n => (long?)n.TalentPoolWatermark, ct),
            await live.MinAsync(n => (long?)n.CourseWatermark, ct));
    }
}

/// <summary>An index's position in the outbox and size, as a node records it.</summary>
public readonly record struct LuceneIndexState(long Watermark, int Documents);
