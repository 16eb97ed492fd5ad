using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Placement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Core.Reports;

/// <summary>
/// Computes the program's figures for any quarter from the database as it stands: households,
/// placements with their snapshots, follow-ups and verified exits. Past states are rebuilt from
/// dates (registration, placement start and end, exit verification and revocation), so a past
/// quarter's figures are what its last day would have shown. <see cref="FigureDefinitions"/> holds
/// the definitions this class implements.
/// </summary>
public sealed class OutcomeReports(AppDbContext db, TimeProvider clock, IOptions<OutcomeOptions> options)
{
    public DateOnly Today => clock.Today();

    public Quarter CurrentQuarter => Quarter.Of(Today);

    public OutcomeOptions Options => options.Value;

    public async Task<OutcomeReport> ForQuarterAsync(Quarter quarter, CancellationToken cancellationToken = default)
    {
        var today = Today;
        if (quarter.FirstDay > today)
        {
            throw new RefusalException($"quarter {quarter}", "quarter", RefusalCodes.QuarterNotStarted, quarter.ToString(), today);
        }
        var data = await Snapshot.LoadAsync(db, clock, cancellationToken);
        var o = options.Value;
        var asOf = quarter.LastDay < today ? quarter.LastDay : today;
        var trend = quarter.LastQuarters(o.TrendQuarters)
            .Select(q => (Quarter: q, AsOf: q.LastDay < today ? q.LastDay : today))
            .ToList();
        var zeroByPoint = trend.Select(t => data.Households.Values.Where(h => data.ZeroEmploymentOn(h, t.AsOf)).Select(h => h.Id).ToHashSet()).ToList();

        OutcomeFigures Figures(string? code, string name, Func<string?, bool> inScope)
        {
            var households = data.Households.Values.Where(h => inScope(h.Street)).ToList();
            var inProgram = households.Where(h => data.InProgramOn(h, asOf)).ToList();
            var inQuarter = households.Where(h => data.InProgramDuring(h, quarter.FirstDay, asOf)).ToList();

            var placements = data.Placements
                .Where(p => p.StartedOn >= quarter.FirstDay && p.StartedOn <= asOf && inScope(data.StreetOfPlacement(p)))
                .ToList();
            var dibaoPlaced = placements.Where(p => p.HouseholdCategory == HouseholdCategory.Dibao && p.HouseholdKey is not null)
                .Select(p => p.HouseholdKey!).ToHashSet(StringComparer.Ordinal);
            // The placement's snapshot says the household was dibao when placed even if its category has
            // changed since: the denominator takes those households in too, so the rate stays within 0..1.
            var dibaoBase = inQuarter.Where(h => h.Category == HouseholdCategory.Dibao).Select(h => h.Id)
                .ToHashSet(StringComparer.Ordinal);
            dibaoBase.UnionWith(dibaoPlaced);

            var inQuarterIds = inQuarter.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
            var exits = data.Exits
                .Where(e => e.VerifiedOn >= quarter.FirstDay && e.VerifiedOn <= asOf && (e.RevokedOn is null || e.RevokedOn > asOf)
                    && inQuarterIds.Contains(e.HouseholdId))
                .Select(e => e.HouseholdId).Distinct(StringComparer.Ordinal).Count();
            var heldExits = data.Exits
                .Where(e => e.VerifiedOn <= asOf && (e.RevokedOn is null || e.RevokedOn > asOf)
                    && data.Households.TryGetValue(e.HouseholdId, out var h) && inScope(h.Street))
                .ToList();

            // Follow-ups are judged on what is known today, not on the as-of date: one due on a quarter's
            // last days is settled only after its grace period, which may end in the next quarter.
            var followUps = data.FollowUps
                .Where(f => quarter.Contains(f.DueOn) && inScope(data.StreetOfPlacement(f.Placement)))
                .Where(f => f.DoneOn is not null
                    || (f.DueOn.AddDays(o.FollowUpGraceDays) < today && !(f.Placement.EndedOn is { } ended && ended <= f.DueOn)))
                .ToList();
            var onTime = followUps.Count(f => f.DoneOn is { } done && done <= f.DueOn.AddDays(o.FollowUpGraceDays));

            var firsts = data.FirstPlacements
                .Where(p => p.StartedOn >= quarter.FirstDay && p.StartedOn <= asOf && inScope(data.StreetOfPlacement(p)))
                .ToList();
            var days = firsts.Select(p => Math.Max(0, p.StartedOn.DayNumber - (data.PersonRegisteredOn(p.PersonId) ?? p.StartedOn).DayNumber)).ToList();

            var scopeIds = households.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
            var subsidised = data.Placements
                .Where(p => p.MonthlySubsidy is > 0 && p.StartedOn <= asOf && (p.EndedOn is null || p.EndedOn > quarter.FirstDay)
                    && inScope(data.StreetOfPlacement(p)))
                .Select(p => PublicWelfareBudget.InQuarter(p.MonthlySubsidy, p.StartedOn, p.EndedOn, p.TermEndsOn, quarter, asOf))
                .ToList();
            var closedTraining = data.Training
                .Where(t => t.ClosedOn >= quarter.FirstDay && t.ClosedOn <= asOf && inScope(data.StreetOfPerson(t.PersonId)))
                .ToList();
            var trained = closedTraining.Where(t => t.Completed).GroupBy(t => t.PersonId, StringComparer.Ordinal)
                .Select(g => (Person: g.Key, CompletedOn: g.Min(t => t.ClosedOn))).ToList();
            var answers = data.Satisfaction.Where(a => a.On >= quarter.FirstDay && a.On <= asOf && inScope(data.StreetOfPlacement(a.Placement))).ToList();
            return new OutcomeFigures
            {
                Code = code,
                Name = name,
                Households = inProgram.Count,
                DibaoHouseholds = inProgram.Count(h => h.Category == HouseholdCategory.Dibao),
                HouseholdsInQuarter = inQuarter.Count,
                DibaoHouseholdsInQuarter = dibaoBase.Count,
                DibaoHouseholdsNewlyEmployed = dibaoPlaced.Count,
                DibaoEmploymentGrowthRate = Rate(dibaoPlaced.Count, dibaoBase.Count),
                Exits = exits,
                ExitRate = Rate(exits, inQuarter.Count),
                ExitCandidates = inProgram.Count(h => h.ExitStatus == ExitStatus.Candidate && (h.CandidateSince is null || h.CandidateSince <= asOf)),
                HouseholdsInTransition = heldExits.Where(e => e.TransitionEndsOn >= asOf).Select(e => e.HouseholdId).Distinct(StringComparer.Ordinal).Count(),
                HouseholdsInIncentive = heldExits.Where(e => e.IncentiveEndsOn >= asOf).Select(e => e.HouseholdId).Distinct(StringComparer.Ordinal).Count(),
                ZeroEmploymentHouseholds = zeroByPoint[^1].Count(scopeIds.Contains),
                ZeroEmploymentTrend = trend.Select((t, i) => new TrendPoint(t.Quarter.ToString(), t.AsOf, zeroByPoint[i].Count(scopeIds.Contains))).ToList(),
                Placements = placements.Count,
                PlacementsByChannel = new ChannelCounts(
                    placements.Count(p => p.Channel == PlacementChannel.Fair),
                    placements.Count(p => p.Channel == PlacementChannel.Referral),
                    placements.Count(p => p.Channel == PlacementChannel.Kiosk)),
                PublicWelfarePlacements = placements.Count(p => p.PublicWelfare),
                FollowUpsDue = followUps.Count,
                FollowUpsOnTime = onTime,
                FollowUpsOnTimeRate = Rate(onTime, followUps.Count),
                FirstPlacements = firsts.Count,
                AverageDaysToPlacement = days.Count == 0 ? null : Math.Round(days.Average(), 1, MidpointRounding.AwayFromZero),
                ReferralsExpired = data.ExpiredReferrals.Count(e => e.On >= quarter.FirstDay && e.On <= asOf
                    && data.Persons.TryGetValue(e.PersonId, out var person) && scopeIds.Contains(person.HouseholdId)),
                SubsidyCommitted = subsidised.Sum(x => x.Committed),
                SubsidySpent = subsidised.Sum(x => x.Spent),
                // The district's cap is stored without a code; households with no street have none.
                SubsidyCap = code is not null && data.Caps.TryGetValue((quarter.ToString(), code == data.DistrictCode ? "" : code), out var cap) ? cap : null,
                SatisfactionAnswers = answers.Count,
                SatisfactionAverage = Mean(answers),
                SatisfactionByChannel = new SatisfactionByChannel(
                    Mean(answers.Where(a => a.Placement.Channel == PlacementChannel.Fair)),
                    Mean(answers.Where(a => a.Placement.Channel == PlacementChannel.Referral)),
                    Mean(answers.Where(a => a.Placement.Channel == PlacementChannel.Kiosk))),
                PeopleTrained = trained.Count,
                TrainingCompletionRate = Rate(closedTraining.Count(t => t.Completed), closedTraining.Count),
                TrainedPlacedWithin90Days = trained.Count(t => data.PlacementsByPerson[t.Person]
                    .Any(p => p.StartedOn >= t.CompletedOn && p.StartedOn <= t.CompletedOn.AddDays(90) && p.StartedOn <= asOf)),
            };
        }

        var streets = data.Streets.Select(s => Figures(s.Code, s.Name, street => street == s.Code)).ToList();
        var unassignedCount = data.Households.Values.Count(h => h.Street is null);
        return new OutcomeReport
        {
            Quarter = quarter,
            AsOf = asOf,
            GeneratedUtc = clock.GetUtcNow().UtcDateTime,
            District = Figures(data.DistrictCode, data.DistrictName, _ => true),
            Streets = streets,
            Unassigned = unassignedCount == 0 ? null : Figures(null, "", street => street is null),
            Options = o,
            DataSince = data.Households.Count == 0 ? null : data.Households.Values.Min(h => h.RegisteredOn),
        };
    }

    private static double? Mean(IEnumerable<SatisfactionRow> answers) =>
        answers.Select(a => a.Score).DefaultIfEmpty(double.NaN).Average() is var mean && double.IsNaN(mean)
            ? null : Math.Round(mean, 2, MidpointRounding.AwayFromZero);

    private static double? Rate(int numerator, int denominator) =>
        denominator == 0 ? null : Math.Round((double)numerator / denominator, 4, MidpointRounding.AwayFromZero);

    /// <summary><paramref name="ArchivedOn"/>: the day the household left the program by archiving (moved away, deregistered).</summary>
    internal sealed record HouseholdRow(string Id, HouseholdCategory? Category, string? Street, DateOnly RegisteredOn,
        ExitStatus ExitStatus, DateOnly? CandidateSince, DateOnly? ArchivedOn = null)
    {
        /// <summary>On the register on this day: registered by then and not archived by then.</summary>
        public bool RegisteredOnDay(DateOnly day) => RegisteredOn <= day && (ArchivedOn is not { } archived || archived > day);
    }

    internal sealed record PersonRow(string Id, string HouseholdId, LaborCapacity Capacity, bool Employed, DateOnly RegisteredOn);

    internal sealed record PlacementRow(long Id, string PersonId, string? HouseholdKey, HouseholdCategory? HouseholdCategory,
        bool PublicWelfare, PlacementChannel Channel, DateOnly StartedOn, DateOnly? EndedOn, PlacementStatus Status,
        decimal? MonthlySubsidy = null, DateOnly? TermEndsOn = null)
    {
        public bool ActiveOn(DateOnly day) => StartedOn <= day && (EndedOn is null || EndedOn > day);

        public bool ActiveNow => Status != PlacementStatus.Ended && EndedOn is null;
    }

    internal sealed record FollowUpRow(PlacementRow Placement, DateOnly DueOn, DateOnly? DoneOn);

    internal sealed record ExpiredReferralRow(string PersonId, DateOnly On);

    internal sealed record SatisfactionRow(PlacementRow Placement, DateOnly On, double Score);

    /// <summary>An enrolment that ended: completed, or dropped out, on its day.</summary>
    internal sealed record TrainingRow(string PersonId, bool Completed, DateOnly ClosedOn);

    internal sealed record ExitRow(string HouseholdId, DateOnly VerifiedOn, DateOnly? RevokedOn, DateOnly TransitionEndsOn, DateOnly IncentiveEndsOn);

    /// <summary>The rows the figures need, read once, with the street of every household resolved.</summary>
    internal sealed class Snapshot
    {
        public required Dictionary<string, HouseholdRow> Households { get; init; }
        public required ILookup<string, PersonRow> Members { get; init; }
        public required Dictionary<string, PersonRow> Persons { get; init; }
        public required List<PlacementRow> Placements { get; init; }
        public required ILookup<string, PlacementRow> PlacementsByPerson { get; init; }
        public required List<PlacementRow> FirstPlacements { get; init; }
        public required List<FollowUpRow> FollowUps { get; init; }
        public required List<ExitRow> Exits { get; init; }
        public required ILookup<string, ExitRow> ExitsByHousehold { get; init; }
        public required List<Division> Streets { get; init; }
        public required List<ExpiredReferralRow> ExpiredReferrals { get; init; }
        public required List<SatisfactionRow> Satisfaction { get; init; }
        public required List<TrainingRow> Training { get; init; }
        /// <summary>Subsidy caps by quarter and street code ("" for the district).</summary>
        public required Dictionary<(string Quarter, string Code), decimal> Caps { get; init; }
        public string? DistrictCode { get; init; }
        public required string DistrictName { get; init; }

        public string? StreetOfPlacement(PlacementRow p) =>
            p.HouseholdKey is not null && Households.TryGetValue(p.HouseholdKey, out var h) ? h.Street : null;

        public string? StreetOfPerson(string personId) =>
            Persons.TryGetValue(personId, out var p) && Households.TryGetValue(p.HouseholdId, out var h) ? h.Street : null;

        public DateOnly? PersonRegisteredOn(string personId) => Persons.TryGetValue(personId, out var p) ? p.RegisteredOn : null;

        /// <summary>A verified exit holds on this day: verified by then and not revoked by then.</summary>
        public bool ExitedOn(string householdId, DateOnly day) =>
            ExitsByHousehold[householdId].Any(e => e.VerifiedOn <= day && (e.RevokedOn is null || e.RevokedOn > day));

        public bool InProgramOn(HouseholdRow h, DateOnly day) => h.RegisteredOnDay(day) && !ExitedOn(h.Id, day);

        /// <summary>
        /// In the program on some day from <paramref name="first"/> to <paramref name="last"/>: at the start
        /// or the end of a day on which something could change (the first day, the registration, a revocation).
        /// A household that exits on the first day was in the program that morning.
        /// </summary>
        public bool InProgramDuring(HouseholdRow h, DateOnly first, DateOnly last)
        {
            if (h.RegisteredOn > last || h.ArchivedOn is { } archived && archived <= first)
            {
                return false;
            }
            var days = new List<DateOnly> { h.RegisteredOn > first ? h.RegisteredOn : first };
            days.AddRange(ExitsByHousehold[h.Id].Where(e => e.RevokedOn is { } r && r >= first && r <= last).Select(e => e.RevokedOn!.Value));
            // Archived on a day: it was on the register until that day, not on it.
            return days.Any(d => h.RegisteredOnDay(d) && (!ExitedOn(h.Id, d.AddDays(-1)) || !ExitedOn(h.Id, d)));
        }

        /// <summary>
        /// Employed on a day: a placement covered it, or the person works outside the program (employed
        /// now with no active placement), which the data can only take as constant.
        /// </summary>
        public bool EmployedOn(PersonRow person, DateOnly day)
        {
            var placements = PlacementsByPerson[person.Id];
            if (placements.Any(p => p.ActiveOn(day)))
            {
                return true;
            }
            return person.Employed && !placements.Any(p => p.ActiveNow);
        }

        public bool ZeroEmploymentOn(HouseholdRow h, DateOnly day) =>
            InProgramOn(h, day) && HouseholdStanding.IsZeroEmployment(
                Members[h.Id].Where(m => m.RegisteredOn <= day).Select(m => (m.Capacity, EmployedOn(m, day))));

        /// <summary>
        /// The store as of now. Stored instants become the district's calendar days (<paramref name="clock"/>'s
        /// zone): a household registered at 02:00 Beijing time on 1 January counts in the new quarter.
        /// </summary>
        public static async Task<Snapshot> LoadAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
        {
            var divisions = await db.Divisions.AsNoTracking().ToListAsync(ct);
            var streetOf = new Streets(divisions);
            var streets = streetOf.All.ToList();
            var region = await db.Regions.AsNoTracking().TheDistrict().FirstOrDefaultAsync(ct);
            var district = divisions.FirstOrDefault(d => d.Level == DivisionLevel.District && (region?.DivisionCode is null || d.Code == region.DivisionCode));

            var households = (await db.Households.AsNoTracking()
                    .Select(h => new { h.Id, h.Category, h.DivisionCode, h.RegisteredUtc, h.ExitStatus, h.ExitCandidateSinceUtc, h.ArchivedUtc })
                    .ToListAsync(ct))
                .Select(h => new HouseholdRow(h.Id, h.Category, streetOf.StreetOf(h.DivisionCode), clock.DayOf(h.RegisteredUtc), h.ExitStatus,
                    h.ExitCandidateSinceUtc is { } since ? clock.DayOf(since) : null,
                    h.ArchivedUtc is { } archived ? clock.DayOf(archived) : null))
                .ToDictionary(h => h.Id, StringComparer.Ordinal);
            var persons = (await db.Persons.AsNoTracking()
                    .Select(p => new { p.Id, p.HouseholdId, p.LaborCapacity, p.Employed, p.RegisteredUtc })
                    .ToListAsync(ct))
                .Select(p => new PersonRow(p.Id, p.HouseholdId, p.LaborCapacity, p.Employed, clock.DayOf(p.RegisteredUtc)))
                .ToDictionary(p => p.Id, StringComparer.Ordinal);
            var placements = (await db.Placements.AsNoTracking()
                    .Select(p => new { p.Id, p.PersonId, p.HouseholdId, p.HouseholdCategory, p.PublicWelfare, p.Channel, p.StartedOn, p.EndedOn, p.Status,
                        p.MonthlySubsidy, p.TermEndsOn })
                    .ToListAsync(ct))
                .Select(p => new PlacementRow(p.Id, p.PersonId,
                    p.HouseholdId ?? (persons.TryGetValue(p.PersonId, out var person) ? person.HouseholdId : null),
                    p.HouseholdCategory, p.PublicWelfare, p.Channel, p.StartedOn, p.EndedOn, p.Status, p.MonthlySubsidy, p.TermEndsOn))
                .ToList();
            var placementById = placements.ToDictionary(p => p.Id);
            var followUps = (await db.FollowUps.AsNoTracking()
                    .Select(f => new { f.PlacementId, f.DueOn, f.DoneUtc })
                    .ToListAsync(ct))
                .Where(f => placementById.ContainsKey(f.PlacementId))
                .Select(f => new FollowUpRow(placementById[f.PlacementId], f.DueOn, f.DoneUtc is { } done ? clock.DayOf(done) : null))
                .ToList();
            var expired = (await (from step in db.ReferralSteps.AsNoTracking()
                                  join r in db.Referrals.AsNoTracking() on step.ReferralId equals r.Id
                                  where step.To == ReferralStatus.Expired
                                  select new { r.PersonId, step.AtUtc }).ToListAsync(ct))
                .Select(x => new ExpiredReferralRow(x.PersonId, clock.DayOf(x.AtUtc))).ToList();
            var satisfaction = (await db.SatisfactionAnswers.AsNoTracking()
                    .Select(a => new { a.PlacementId, a.RecordedUtc, a.Job, a.Pay, a.Service }).ToListAsync(ct))
                .Where(a => placementById.ContainsKey(a.PlacementId))
                .Select(a => new SatisfactionRow(placementById[a.PlacementId], clock.DayOf(a.RecordedUtc), (a.Job + a.Pay + a.Service) / 3.0))
                .ToList();
            var training = (await db.CourseEnrollments.AsNoTracking()
                    .Where(e => e.Status != Core.Training.EnrollmentStatus.Enrolled && e.ClosedUtc != null)
                    .Select(e => new { e.PersonId, e.Status, e.CompletedOn, e.ClosedUtc }).ToListAsync(ct))
                .Select(e => new TrainingRow(e.PersonId, e.Status == Core.Training.EnrollmentStatus.Completed,
                    e.CompletedOn ?? clock.DayOf(e.ClosedUtc!.Value)))
                .ToList();
            var caps = (await db.SubsidyCaps.AsNoTracking().ToListAsync(ct))
                .ToDictionary(c => (c.Quarter, c.DivisionCode ?? ""), c => c.Amount);
            var exits = (await db.HouseholdExits.AsNoTracking()
                    .Select(e => new { e.HouseholdId, e.VerifiedOn, e.RevokedOn, e.TransitionEndsOn, e.IncentiveEndsOn })
                    .ToListAsync(ct))
                .Select(e => new ExitRow(e.HouseholdId, e.VerifiedOn, e.RevokedOn, e.TransitionEndsOn, e.IncentiveEndsOn))
                .ToList();

            return new Snapshot
            {
                Households = households,
                Members = persons.Values.ToLookup(p => p.HouseholdId, StringComparer.Ordinal),
                Persons = persons,
                Placements = placements,
                PlacementsByPerson = placements.ToLookup(p => p.PersonId, StringComparer.Ordinal),
                FirstPlacements = placements.GroupBy(p => p.PersonId, StringComparer.Ordinal)
                    .Select(g => g.OrderBy(p => p.StartedOn).ThenBy(p => p.Id).First()).ToList(),
                FollowUps = followUps,
                Exits = exits,
                ExitsByHousehold = exits.ToLookup(e => e.HouseholdId, StringComparer.Ordinal),
                Streets = streets,
                ExpiredReferrals = expired,
                Satisfaction = satisfaction,
                Training = training,
                Caps = caps,
                DistrictCode = district?.Code ?? region?.DivisionCode,
                DistrictName = region?.Name ?? district?.Name ?? "",
            };
        }
    }
}
