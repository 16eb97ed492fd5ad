using Employment.Core.Domain;
using Employment.Core.Data;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Core.Scheduling;

/// <summary>
/// Closes open positions whose <c>validUntil</c> has passed (status Expired, with a history row).
/// The context's outbox takes them out of the job bank in the same save.
/// </summary>
public sealed class PositionExpiry(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<string>> CloseExpiredAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = clock.DayOf(now);
        var expired = await db.Positions
            .Where(p => p.Status == PositionStatus.Open && p.ValidUntil != null && p.ValidUntil < today)
            .OrderBy(p => p.Id)
            .ToListAsync(ct);
        foreach (var position in expired)
        {
            position.MoveTo(PositionStatus.Expired, JobFairPlanning.Actor, $"past validUntil {position.ValidUntil:yyyy-MM-dd}", now.UtcDateTime);
        }
        await db.SaveChangesAsync(ct);
        return expired.Select(p => p.Id).ToList();
    }
}
