using Employment.Core.Domain;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Core.Placement;

/// <summary>A follow-up (回头看) that is due, for a counselor's caseload.</summary>
public sealed record FollowUpItem(
    long FollowUpId, long PlacementId, string PersonId, string PersonName, string PositionId, string PositionTitle,
    int MonthsAfter, DateOnly DueOn, int DaysPastDue, bool Overdue, DateTime? EscalatedUtc, string? DivisionCode);

/// <summary>
/// Follow-ups that have come due and are not done, for the placements still running. Overdue means
/// more than <see cref="ScheduleOptions.FollowUpOverdueDays"/> past the due date; the daily job
/// escalates each overdue one once: the follow-up records when (the caseload shows it), and the audit
/// keeps that it happened (<see cref="EscalatedAction"/>).
/// </summary>
public sealed class FollowUpQueue(AppDbContext db, TimeProvider clock, IOptions<ScheduleOptions> options)
{
    private readonly AuditTrail _audit = new(db, clock);

    public const string EscalatedAction = "followup.escalated";
    public const string EntityType = "FollowUp";

    /// <summary>The district's today: due dates are calendar days where the counselors are.</summary>
    public DateOnly Today => clock.Today();

    /// <summary>
    /// Due and overdue follow-ups of the persons living in <paramref name="scope"/>, most overdue first.
    /// </summary>
    public Task<IReadOnlyList<FollowUpItem>> DueAsync(AreaScope scope, DateOnly? today = null, CancellationToken ct = default)
    {
        var day = today ?? Today;
        return ListAsync(scope, day, DateOnly.MinValue, day, ct);
    }

    /// <summary>
    /// The follow-ups coming due after today and within <paramref name="days"/> days, soonest first,
    /// so a counselor can plan the visits of the week and the month (DaysPastDue is then negative: days to go).
    /// </summary>
    public async Task<IReadOnlyList<FollowUpItem>> ComingAsync(AreaScope scope, int days, DateOnly? today = null, CancellationToken ct = default)
    {
        var day = today ?? Today;
        return (await ListAsync(scope, day, day.AddDays(1), day.AddDays(days), ct)).OrderBy(i => i.DueOn).ThenBy(i => i.FollowUpId).ToList();
    }

    private async Task<IReadOnlyList<FollowUpItem>> ListAsync(AreaScope scope, DateOnly day, DateOnly dueFrom, DateOnly dueTo, CancellationToken ct)
    {
        var rows = await (
                from f in db.FollowUps.AsNoTracking()
                join pl in db.Placements.AsNoTracking() on f.PlacementId equals pl.Id
                join person in db.Persons.AsNoTracking().Within(scope) on pl.PersonId equals person.Id
                join h in db.Households.AsNoTracking() on person.HouseholdId equals h.Id
                join pos in db.Positions.AsNoTracking() on pl.PositionId equals pos.Id
                where f.DoneUtc == null && f.DueOn >= dueFrom && f.DueOn <= dueTo && pl.Status != PlacementStatus.Ended
                select new
                {
                    f.Id, f.PlacementId, f.MonthsAfter, f.DueOn, person.Name, PersonId = person.Id,
                    PositionId = pos.Id, pos.Title, Division = person.DivisionCode ?? h.DivisionCode, f.EscalatedUtc,
                })
            .ToListAsync(ct);
        var threshold = options.Value.FollowUpOverdueDays;
        return rows
            .Select(r =>
            {
                var late = day.DayNumber - r.DueOn.DayNumber;
                return new FollowUpItem(r.Id, r.PlacementId, r.PersonId, r.Name, r.PositionId, r.Title, r.MonthsAfter, r.DueOn,
                    late, late > threshold, r.EscalatedUtc, r.Division);
            })
            .OrderByDescending(i => i.DaysPastDue).ThenBy(i => i.FollowUpId)
            .ToList();
    }

    /// <summary>Due and overdue counts per division code, for a caseload summary.</summary>
    public async Task<IReadOnlyDictionary<string, (int Due, int Overdue)>> CountsByAreaAsync(AreaScope scope, CancellationToken ct = default)
    {
        var items = await DueAsync(scope, null, ct);
        return items.GroupBy(i => i.DivisionCode ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Count(i => i.Overdue)), StringComparer.Ordinal);
    }

    /// <summary>Escalates every overdue follow-up not escalated yet; returns how many were escalated now.</summary>
    public async Task<(int Due, int Overdue, int Escalated)> EscalateOverdueAsync(CancellationToken ct = default)
    {
        var items = await DueAsync(AreaScope.Everywhere, null, ct);
        var fresh = items.Where(i => i.Overdue && i.EscalatedUtc is null).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = fresh.Select(i => i.FollowUpId).ToList();
        foreach (var followUp in await db.FollowUps.Where(f => ids.Contains(f.Id)).ToListAsync(ct))
        {
            followUp.EscalatedUtc = now;
        }
        foreach (var item in fresh)
        {
            _audit.Add(JobFairPlanning.Actor, EscalatedAction, EntityType,
                item.FollowUpId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                AuditDetail.Of(AuditDetails.FollowUpEscalated, item.PlacementId, item.MonthsAfter, item.DueOn, item.DaysPastDue));
        }
        await db.SaveChangesAsync(ct);
        return (items.Count, items.Count(i => i.Overdue), fresh.Count);
    }
}
