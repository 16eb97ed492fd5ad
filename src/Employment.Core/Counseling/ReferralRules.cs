using Employment.Core.Domain;
using System.ComponentModel.DataAnnotations;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Placement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Core.Counseling;

/// <summary>How long an employer has to answer a referral, and the fair-share limits (configuration section <c>Referrals</c>).</summary>
public sealed class ReferralOptions
{
    public const string Section = "Referrals";

    /// <summary>Days an employer has to answer a referral before it expires; a scheduled interview starts the count again from its day.</summary>
    [Range(1, 365)] public int ExpiryDays { get; set; } = 14;

    /// <summary>Open referrals one person may hold at once, so nobody's chances are spent waiting on employers that do not answer.</summary>
    [Range(1, 50)] public int MaxOpenPerPerson { get; set; } = 3;

    /// <summary>Pending referrals a position may hold per open place, so one posting does not absorb everyone.</summary>
    [Range(1, 50)] public int MaxPendingPerPlace { get; set; } = 3;
}

/// <summary>An employer's answers to the referrals sent to it: how many it answered and how fast.</summary>
public sealed record EmployerResponse(int Referrals, int Answered, int Expired, double? Rate, double? MedianDays);

/// <summary>
/// The person's side of a referral closing: back to seeking when nothing else is under way, still
/// referred or interviewing when another referral is. Every path that ends a referral (a counselor,
/// an employer, the expiry schedule) comes here, so they agree.
/// </summary>
public static class ReferralPipeline
{
    public static async Task SettlePersonAsync(AppDbContext db, Person person, long closedReferralId, DateTime nowUtc, CancellationToken ct)
    {
        if (person.Status is not (PersonStatus.Referred or PersonStatus.Interviewing))
        {
            return;
        }
        var others = await db.Referrals.Where(r => r.PersonId == person.Id && r.Id != closedReferralId && Referral.Pending.Contains(r.Status))
            .Select(r => r.Status).ToListAsync(ct);
        var next = others.Contains(ReferralStatus.Interview) ? PersonStatus.Interviewing
            : others.Count > 0 ? PersonStatus.Referred
            : PersonStatus.Seeking;
        if (next != person.Status && Person.Lifecycle.CanMove(person.Status, next))
        {
            person.MoveTo(next, nowUtc);
        }
    }

    /// <summary>The last day an employer has to answer, counted from a day (the referral's, or its interview's).</summary>
    public static DateOnly ExpiryFrom(DateOnly day, ReferralOptions options) => day.AddDays(options.ExpiryDays);

    /// <summary>Refuses a referral the fair-share limits do not allow, naming the rule.</summary>
    public static async Task EnsureFairShareAsync(AppDbContext db, string personId, Positions.Position position, ReferralOptions options,
        string record, CancellationToken ct)
    {
        var personOpen = await db.Referrals.CountAsync(r => r.PersonId == personId && Referral.Pending.Contains(r.Status), ct);
        if (personOpen >= options.MaxOpenPerPerson)
        {
            throw new RefusalException(record, nameof(ReferralInput.PersonId), RefusalCodes.TooManyOpenReferrals, options.MaxOpenPerPerson);
        }
        var positionPending = await db.Referrals.CountAsync(r => r.PositionId == position.Id && Referral.Pending.Contains(r.Status), ct);
        var allowed = options.MaxPendingPerPlace * Math.Max(1, position.OpenPlaces);
        if (positionPending >= allowed)
        {
            throw new RefusalException(record, nameof(ReferralInput.PositionId), RefusalCodes.PositionQueueFull, allowed);
        }
    }
}

/// <summary>
/// Referrals the employer left unanswered past their day expire (daily schedule): the person is free
/// again and the counselor sees it on the caseload, with the reason.
/// </summary>
public sealed class ReferralExpiry(AppDbContext db, AuditTrail audit, TimeProvider clock, IOptions<ReferralOptions> options)
{
    public const string Reason = "no-answer";

    public async Task<IReadOnlyList<long>> ExpireOverdueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.DayOf(now);
        var overdue = await db.Referrals.Include(r => r.Steps)
            .Where(r => (r.Status == ReferralStatus.Sent || r.Status == ReferralStatus.Interview) && r.ExpiresOn != null && r.ExpiresOn < today)
            .OrderBy(r => r.Id).ToListAsync(ct);
        foreach (var referral in overdue)
        {
            referral.MoveTo(ReferralStatus.Expired, now, author: null, reason: Reason);
            var person = await db.Persons.FirstAsync(p => p.Id == referral.PersonId, ct);
            await ReferralPipeline.SettlePersonAsync(db, person, referral.Id, now, ct);
            audit.Add("schedule", "referral-expired", AuditTrail.Person, person.Id,
                AuditDetail.Of(AuditDetails.ReferralExpired, referral.Id, referral.PositionId, options.Value.ExpiryDays));
        }
        if (overdue.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        return overdue.Select(r => r.Id).ToList();
    }

    /// <summary>How an employer answers: the share of its decided referrals it answered, and the median days to the first answer.</summary>
    public async Task<EmployerResponse> ResponseOfAsync(string employerId, CancellationToken ct = default)
    {
        var rows = await (from r in db.Referrals.AsNoTracking()
                          join p in db.Positions.AsNoTracking() on r.PositionId equals p.Id
                          where p.EmployerId == employerId && r.Status != ReferralStatus.Proposed && r.Status != ReferralStatus.Withdrawn
                          select new { r.Status, r.CreatedUtc, r.RespondedUtc }).ToListAsync(ct);
        var answered = rows.Where(r => r.RespondedUtc is not null).ToList();
        var expired = rows.Count(r => r.Status == ReferralStatus.Expired);
        // Only referrals whose outcome is known count: an answer, or the time running out.
        var decided = answered.Count + expired;
        var days = answered.Select(r => (r.RespondedUtc!.Value - r.CreatedUtc).TotalDays).Order().ToList();
        double? median = days.Count == 0 ? null
            : Math.Round(days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2, 1);
        return new EmployerResponse(rows.Count, answered.Count, expired, decided == 0 ? null : Math.Round((double)answered.Count / decided, 4), median);
    }
}
