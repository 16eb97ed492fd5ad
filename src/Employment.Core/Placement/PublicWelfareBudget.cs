using Employment.Core.Domain;
using System.ComponentModel.DataAnnotations;
using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Core.Placement;

/// <summary>Terms of public-welfare placements (configuration section <c>PublicWelfare</c>).</summary>
public sealed class PublicWelfareOptions
{
    public const string Section = "PublicWelfare";

    /// <summary>How long one household holds a public-welfare place before it rotates (出一进一).</summary>
    [Range(1, 120)] public int TermMonths { get; set; } = 36;

    /// <summary>Renewals a term may have where the rules allow one.</summary>
    [Range(0, 5)] public int MaxRenewals { get; set; } = 1;

    /// <summary>Days before a term ends that its counselor is warned.</summary>
    [Range(1, 365)] public int WarningDays { get; set; } = 60;
}

/// <summary>What the admin allows to be committed to public-welfare subsidies in a quarter, for a street or (no code) the district.</summary>
public sealed class SubsidyCap
{
    public long Id { get; set; }
    [MaxLength(6)] public required string Quarter { get; set; }
    /// <summary>The street's division code; null for the whole district.</summary>
    [MaxLength(12)] public string? DivisionCode { get; set; }
    public decimal Amount { get; set; }
    [MaxLength(256)] public string? SetBy { get; set; }
    public DateTime SetUtc { get; set; }
}

/// <summary>A public-welfare term coming to its end, with the counselor's next step.</summary>
public sealed record TermEnding(long PlacementId, string PersonId, string PositionId, string? HouseholdId, DateOnly TermEndsOn, int Renewals, bool CanRenew);

/// <summary>
/// Public-welfare posts as a budget: the subsidy each placement commits and spends in a quarter, the
/// admin's cap per street and district, and the terms that rotate places to the next household.
/// Money is counted by day: a month's subsidy × 12 / 365 for each day a place is held.
/// </summary>
public sealed class PublicWelfareBudget(AppDbContext db, TimeProvider clock, IOptions<PublicWelfareOptions> options)
{
    public PublicWelfareOptions Options => options.Value;

    /// <summary>The subsidy for the days from <paramref name="first"/> to <paramref name="last"/>, both included; 0 when the range is empty.</summary>
    public static decimal SubsidyFor(decimal monthly, DateOnly first, DateOnly last) =>
        last < first ? 0m : Math.Round(monthly * 12m / 365m * (last.DayNumber - first.DayNumber + 1), 2, MidpointRounding.AwayFromZero);

    /// <summary>The last day a placement is (or will be) paid for: its end, its term, or the funding's end, whichever is first.</summary>
    public static DateOnly PaidUntil(DateOnly? endedOn, DateOnly? termEndsOn, DateOnly? fundedUntil, DateOnly fallback)
    {
        var last = fallback;
        if (endedOn is { } ended && ended.AddDays(-1) < last) last = ended.AddDays(-1);
        if (termEndsOn is { } term && term < last) last = term;
        if (fundedUntil is { } funded && funded < last) last = funded;
        return last;
    }

    /// <summary>Spent: the days held in the quarter up to <paramref name="asOf"/>. Committed: the days it is set to be held in the whole quarter.</summary>
    public static (decimal Committed, decimal Spent) InQuarter(decimal? monthly, DateOnly startedOn, DateOnly? endedOn, DateOnly? termEndsOn,
        Quarter quarter, DateOnly asOf)
    {
        if (monthly is not { } m || m <= 0)
        {
            return (0m, 0m);
        }
        var first = startedOn > quarter.FirstDay ? startedOn : quarter.FirstDay;
        var committed = SubsidyFor(m, first, PaidUntil(endedOn, termEndsOn, null, quarter.LastDay));
        var spent = SubsidyFor(m, first, PaidUntil(endedOn, termEndsOn, null, asOf < quarter.LastDay ? asOf : quarter.LastDay));
        return (committed, spent);
    }

    /// <summary>
    /// Refuses a public-welfare placement that would take its street's or the district's committed
    /// subsidy for the quarter past the admin's cap, naming the cap and what is committed already.
    /// </summary>
    public async Task EnsureWithinCapAsync(string record, string? householdDivision, decimal monthly, DateOnly startedOn, DateOnly termEndsOn,
        CancellationToken ct)
    {
        var quarter = Quarter.Of(startedOn);
        var key = quarter.ToString();
        var caps = await db.Set<SubsidyCap>().AsNoTracking().Where(c => c.Quarter == key).ToListAsync(ct);
        var applying = caps.Where(c => c.DivisionCode is null
            || (householdDivision is not null && householdDivision.StartsWith(c.DivisionCode, StringComparison.Ordinal))).ToList();
        if (applying.Count == 0)
        {
            return;
        }
        var (adding, _) = InQuarter(monthly, startedOn, null, termEndsOn, quarter, startedOn);
        var rows = await (from p in db.Placements.AsNoTracking()
                          join h in db.Households.AsNoTracking() on p.HouseholdId equals h.Id into hs
                          from h in hs.DefaultIfEmpty()
                          where p.MonthlySubsidy != null && p.StartedOn <= quarter.LastDay && (p.EndedOn == null || p.EndedOn > quarter.FirstDay)
                          select new { p.MonthlySubsidy, p.StartedOn, p.EndedOn, p.TermEndsOn, Division = h == null ? null : h.DivisionCode })
            .ToListAsync(ct);
        foreach (var cap in applying.OrderBy(c => c.DivisionCode is null))
        {
            var committed = rows.Where(r => cap.DivisionCode is null || (r.Division?.StartsWith(cap.DivisionCode, StringComparison.Ordinal) ?? false))
                .Sum(r => InQuarter(r.MonthlySubsidy, r.StartedOn, r.EndedOn, r.TermEndsOn, quarter, quarter.LastDay).Committed);
            if (committed + adding > cap.Amount)
            {
                throw new RefusalException(record, "MonthlySubsidy", RefusalCodes.SubsidyCapReached,
                    cap.Amount, committed, adding, cap.DivisionCode ?? "");
            }
        }
    }

    /// <summary>Sets (or, with null, removes) a quarter's cap for a street or the district.</summary>
    public async Task SetCapAsync(Quarter quarter, string? divisionCode, decimal? amount, string actor, CancellationToken ct = default)
    {
        var key = quarter.ToString();
        var code = string.IsNullOrWhiteSpace(divisionCode) ? null : divisionCode.Trim();
        if (amount is < 0 or > 1_000_000_000)
        {
            throw new RefusalException($"cap {key} {code}", "Amount", RefusalCodes.OutOfRange, 0, 1_000_000_000);
        }
        var cap = await db.Set<SubsidyCap>().FirstOrDefaultAsync(c => c.Quarter == key && c.DivisionCode == code, ct);
        if (amount is null)
        {
            if (cap is not null) db.Remove(cap);
        }
        else
        {
            cap ??= db.Set<SubsidyCap>().Add(new SubsidyCap { Quarter = key, DivisionCode = code }).Entity;
            cap.Amount = amount.Value;
            cap.SetBy = actor;
            cap.SetUtc = clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Rotation (出一进一): of the people the engine finds for a public-welfare place, the one to propose
    /// next is the best match weighed by the household's priority — the fair plan's own weights, so the
    /// fair and the rotation agree on who comes first.
    /// </summary>
    public static T? ProposeNext<T>(IEnumerable<T> candidates, Func<T, double> score, Func<T, (Domain.HouseholdCategory? Category, bool ZeroEmployment)> household,
        Scheduling.FairPlanOptions weights) where T : class =>
        candidates.Select(c => (Candidate: c, Weight: score(c) * weights.WeightOf(household(c).Category, household(c).ZeroEmployment)))
            .OrderByDescending(x => x.Weight).Select(x => x.Candidate).FirstOrDefault();

    /// <summary>Renews a public-welfare term once more where the rules allow it; the renewal counts against the cap like a new placement.</summary>
    public async Task<Placement> RenewAsync(long placementId, string actor, CancellationToken ct = default)
    {
        var record = $"placement {placementId}";
        var placement = await db.Placements.FirstOrDefaultAsync(p => p.Id == placementId, ct)
            ?? throw new RefusalException(record, "id", RefusalCodes.NoSuchRecord);
        if (placement.TermEndsOn is not { } ends || placement.Status == PlacementStatus.Ended)
        {
            throw new RefusalException(record, "TermEndsOn", RefusalCodes.NotAllowed);
        }
        if (placement.Renewals >= options.Value.MaxRenewals)
        {
            throw new RefusalException(record, "Renewals", RefusalCodes.RenewalsUsed, options.Value.MaxRenewals);
        }
        var newEnd = ends.AddMonths(options.Value.TermMonths);
        if (placement.MonthlySubsidy is { } monthly)
        {
            var household = await db.Households.AsNoTracking().Where(h => h.Id == placement.HouseholdId).Select(h => h.DivisionCode).FirstOrDefaultAsync(ct);
            await EnsureWithinCapAsync(record, household, monthly, ends.AddDays(1), newEnd, ct);
        }
        placement.TermEndsOn = newEnd;
        placement.Renewals++;
        new AuditTrail(db, clock).Add(actor, "term-renewed", AuditTrail.Person, placement.PersonId, AuditDetail.Of(AuditDetails.TermRenewed, placement.Id, newEnd));
        await db.SaveChangesAsync(ct);
        return placement;
    }

    /// <summary>Active public-welfare placements whose term ends within the warning days of <paramref name="today"/>.</summary>
    public async Task<IReadOnlyList<TermEnding>> TermsEndingAsync(DateOnly today, IQueryable<string>? personIds = null, CancellationToken ct = default)
    {
        var until = today.AddDays(options.Value.WarningDays);
        var query = db.Placements.AsNoTracking()
            .Where(p => p.TermEndsOn != null && p.TermEndsOn <= until && p.Status != PlacementStatus.Ended);
        if (personIds is not null)
        {
            query = query.Where(p => personIds.Contains(p.PersonId));
        }
        var rows = await query.OrderBy(p => p.TermEndsOn).ThenBy(p => p.Id).ToListAsync(ct);
        return rows.Select(p => new TermEnding(p.Id, p.PersonId, p.PositionId, p.HouseholdId, p.TermEndsOn!.Value, p.Renewals,
            p.Renewals < options.Value.MaxRenewals)).ToList();
    }
}
