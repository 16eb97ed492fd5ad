using Employment.Core.Domain;
using System.ComponentModel.DataAnnotations;
using Employment.Core.Data;
using Employment.Core.Matching;
using Employment.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Counseling;

/// <summary>A new or changed position that entered a person's top matches: what the counselor is told.</summary>
public sealed class MatchAlert
{
    public long Id { get; set; }
    [MaxLength(64)] public required string PersonId { get; set; }
    [MaxLength(64)] public required string PositionId { get; set; }
    /// <summary>The position's place among the person's matches when it was found (1 is the best).</summary>
    public int Rank { get; set; }
    public double Score { get; set; }
    /// <summary>The saved search's words this alert answers; null for the person's own top matches.</summary>
    [MaxLength(SavedSearch.MaxQueryLength)] public string? Query { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>
/// Something that follows the outbox besides the indexes, with its own watermark kept in the
/// database: the outbox is purged only past the slowest reader, so none misses a change.
/// </summary>
public sealed class OutboxReader
{
    [Key, MaxLength(64)] public required string Name { get; set; }
    public long Watermark { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>
/// A search a counselor saved for a person (the words of the person page's match box): a new or
/// changed position that enters the person's top matches for those words is an alert too.
/// </summary>
public sealed class SavedSearch
{
    public const int MaxQueryLength = 200;

    public long Id { get; set; }
    [MaxLength(64)] public required string PersonId { get; set; }
    [MaxLength(MaxQueryLength)] public required string Query { get; set; }
    [MaxLength(256)] public required string CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>A person's kiosk visits: the openings "new since your last visit" count from the one before this.</summary>
public sealed class KioskVisit
{
    [Key, MaxLength(64)] public required string PersonId { get; set; }
    public DateTime LastUtc { get; set; }
    public DateTime? PreviousUtc { get; set; }
}

/// <summary>When a staff member last looked at their new matches: "new since your last visit" counts from it.</summary>
public sealed class AlertsSeen
{
    [Key, MaxLength(256)] public required string Account { get; set; }
    public DateTime SeenUtc { get; set; }
}

/// <summary>
/// New-match alerts, computed from the engine as the job bank changes and never by re-matching
/// everyone: for each position the outbox says was added or changed (once the job bank index has
/// applied it), the engine finds the people it suits, and an alert is kept for each person whose own
/// top <see cref="TopN"/> it now enters.
/// </summary>
public sealed class MatchAlerts(AppDbContext db, MatchingEngine engine, JobBankIndex jobBank, TimeProvider clock)
{
    public const string Reader = "match-alerts";
    public const int TopN = 10;
    /// <summary>People the engine is asked for per changed position: those further down rarely have it in their own top ten.</summary>
    public const int SeekersPerPosition = 200;

    public async Task<int> ScanAsync(CancellationToken ct = default)
    {
        if (jobBank.Watermark is not { } applied)
        {
            return 0;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var reader = await db.Set<OutboxReader>().FirstOrDefaultAsync(r => r.Name == Reader, ct);
        if (reader is null)
        {
            // The first scan starts from now: what was posted before alerts existed is not news.
            db.Add(new OutboxReader { Name = Reader, Watermark = applied, UpdatedUtc = now });
            await db.SaveChangesAsync(ct);
            return 0;
        }
        var changes = await db.IndexChanges.AsNoTracking()
            .Where(c => c.Index == AppDbContext.JobBankIndex && c.Id > reader.Watermark && c.Id <= applied)
            .Select(c => new { c.Id, c.EntityId, c.Operation }).ToListAsync(ct);
        if (changes.Count == 0)
        {
            if (applied > reader.Watermark)
            {
                reader.Watermark = applied;
                reader.UpdatedUtc = now;
                await db.SaveChangesAsync(ct);
            }
            return 0;
        }
        var ids = changes.Where(c => c.Operation == IndexOperation.Upsert).Select(c => c.EntityId).Distinct(StringComparer.Ordinal).ToList();
        var today = clock.DayOf(now);
        var lines = await ProfileLoader.LinesAsync(db, ct);
        var added = 0;
        foreach (var position in await ProfileLoader.PositionsAsync(db, ids, ct))
        {
            if (!HardRules.PositionAvailable(position, today))
            {
                continue;
            }
            var suited = engine.SeekersFor(position, new MatchRequest { Top = SeekersPerPosition, AsOf = today, Lines = lines });
            if (suited.Count == 0)
            {
                continue;
            }
            var already = (await db.Set<MatchAlert>().Where(a => a.PositionId == position.Id).Select(a => a.PersonId).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            var suitedIds = suited.Select(s => s.Id).Where(id => !already.Contains(id)).ToList();
            var saved = (await db.SavedSearches.AsNoTracking().Where(s => suitedIds.Contains(s.PersonId)).ToListAsync(ct))
                .ToLookup(s => s.PersonId, StringComparer.Ordinal);
            var seekers = await ProfileLoader.SeekersAsync(db, suitedIds, ct);
            foreach (var seeker in seekers)
            {
                // The person's own top matches first, then each search saved for them: one alert per person and position.
                foreach (var query in saved[seeker.Id].Select(s => (string?)s.Query).Prepend(null))
                {
                    var top = engine.PositionsFor(seeker, new MatchRequest { Top = TopN, AsOf = today, Lines = lines, Query = query });
                    var rank = top.Select(m => m.Id).ToList().IndexOf(position.Id);
                    if (rank >= 0)
                    {
                        db.Add(new MatchAlert { PersonId = seeker.Id, PositionId = position.Id, Rank = rank + 1, Score = top[rank].Score, Query = query, CreatedUtc = now });
                        added++;
                        break;
                    }
                }
            }
        }
        reader.Watermark = applied;
        reader.UpdatedUtc = now;
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Saves the words of a match search for a person, once; empty words are no search.</summary>
    public async Task<SavedSearch?> SaveSearchAsync(string personId, string? query, string actor, CancellationToken ct = default)
    {
        var words = query?.Trim();
        if (string.IsNullOrEmpty(words))
        {
            throw new RefusalException($"saved search of {personId}", "Query", RefusalCodes.Required);
        }
        if (words.Length > SavedSearch.MaxQueryLength)
        {
            throw new RefusalException($"saved search of {personId}", "Query", RefusalCodes.TooLong);
        }
        var existing = await db.SavedSearches.FirstOrDefaultAsync(s => s.PersonId == personId && s.Query == words, ct);
        if (existing is not null)
        {
            return existing;
        }
        var search = new SavedSearch { PersonId = personId, Query = words, CreatedBy = actor, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        db.SavedSearches.Add(search);
        new AuditTrail(db, clock).Add(actor, "search-saved", AuditTrail.Person, personId, AuditDetail.Of(AuditDetails.SearchWords, words));
        await db.SaveChangesAsync(ct);
        return search;
    }

    public async Task<bool> DeleteSearchAsync(string personId, long id, string actor, CancellationToken ct = default)
    {
        var search = await db.SavedSearches.FirstOrDefaultAsync(s => s.Id == id && s.PersonId == personId, ct);
        if (search is null)
        {
            return false;
        }
        db.SavedSearches.Remove(search);
        new AuditTrail(db, clock).Add(actor, "search-deleted", AuditTrail.Person, personId, AuditDetail.Of(AuditDetails.SearchWords, search.Query));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>When the account last looked at its new matches; null when never.</summary>
    public async Task<DateTime?> SeenAsync(string account, CancellationToken ct = default) =>
        await db.Set<AlertsSeen>().Where(s => s.Account == account).Select(s => (DateTime?)s.SeenUtc).FirstOrDefaultAsync(ct);

    public async Task MarkSeenAsync(string account, CancellationToken ct = default)
    {
        var seen = await db.Set<AlertsSeen>().FirstOrDefaultAsync(s => s.Account == account, ct);
        if (seen is null)
        {
            seen = new AlertsSeen { Account = account };
            db.Add(seen);
        }
        seen.SeenUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}
