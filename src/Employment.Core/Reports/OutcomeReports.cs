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

    /// <summary>The store's figures: its one district's with each street, or the city's with a row per district.</summary>
    public Task<OutcomeReport> ForQuarterAsync(Quarter quarter, CancellationToken cancellationToken = default) =>
        ForQuarterAsync(quarter, null, cancellationToken);

    /// <summary>
    /// One district's figures with each of its streets (<paramref name="districtCode"/>, its division
    /// code), or without a code the whole store: a one-district store's district, else the city with
    /// a row per district.
    /// </summary>
    public async Task<OutcomeReport> ForQuarterAsync(Quarter quarter, string? districtCode, CancellationToken cancellationToken = default)
    {
        var today = Today;
        if (quarter.FirstDay > today)
        {
            throw new RefusalException($"quarter {quarter}", "quarter", RefusalCodes.QuarterNotStarted, quarter.ToString(), today);
        }
        var districts = await DistrictBook.LoadAsync(db, cancellationToken);
        Region? chosen = null;
        if (districtCode is not null)
        {
            chosen = districts.Named(districtCode);
        }
        else if (districts.Regions.Count == 1)
        {
            chosen = districts.First;
        }
        var all = await Snapshot.LoadAsync(db, districts, cancellationToken);
        var o = options.Value;
        var asOf = quarter.LastDay < today ? quarter.LastDay : today;
        var trend = quarter.LastQuarters(o.TrendQuarters)
            .Select(q => (Quarter: q, AsOf: q.LastDay < today ? q.LastDay : today))
            .ToList();

        OutcomeFigures Figures(Snapshot data, string? code, string name, Func<string?, bool> inScope)
        {
            var zeroByPoint = data.ZeroByPoint ??= trend.Select(t => data.Households.Values.Where(h => data.ZeroEmploymentOn(h, t.AsOf)).Select(h => h.Id).ToHashSet()).ToList();
            // Exit candidates on the as-of day are judged against the lines then in force (a district's own).
            var lines = data.District is { } region ? DistrictLines.On(region, asOf) : (LinesInForce?)null;
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
                ExitCandidates = inProgram.Count(h => data.CandidateOn(h, asOf)),
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
                SubsidyCap = code is not null && data.Caps.TryGetValue((quarter.ToString(), code == data.DistrictCode && data.IsFirstDistrict ? "" : code), out var cap) ? cap : null,
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
                DibaoLine = lines?.DibaoLine,
                EdgeLine = lines?.EdgeLine,
            };
        }

        if (chosen is null && districts.Regions.Count > 1)
        {
            // The city: its totals, and a row per district, each from that district's records alone.
            var rows = districts.Regions.Select(r => all.Of(r, districts)).Select(d => Figures(d, d.DistrictCode, d.DistrictName, _ => true)).ToList();
            return new OutcomeReport
            {
                Quarter = quarter,
                AsOf = asOf,
                GeneratedUtc = clock.GetUtcNow().UtcDateTime,
                District = Figures(all, null, "", _ => true),
                Districts = rows,
                Streets = [],
                Options = o,
                DataSince = all.Households.Count == 0 ? null : all.Households.Values.Min(h => h.RegisteredOn),
            };
        }
        // An empty store reports the district its division rows name, with every street, as before any import.
        var data = chosen is null ? all : districts.Regions.Count == 1 ? all.WithDistrict(chosen, districts) : all.Of(chosen, districts);
        var streets = data.Streets.Select(s => Figures(data, s.Code, s.Name, street => street == s.Code)).ToList();
        // A district whose streets the store does not know has nothing to split by street.
        var unassignedCount = data.Streets.Count == 0 ? 0 : data.Households.Values.Count(h => h.Street is null);
        return new OutcomeReport
        {
            Quarter = quarter,
            AsOf = asOf,
            GeneratedUtc = clock.GetUtcNow().UtcDateTime,
            District = Figures(data, data.DistrictCode, data.DistrictName, _ => true),
            Streets = streets,
            Unassigned = unassignedCount == 0 ? null : Figures(data, null, "", street => street is null),
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
        ExitStatus ExitStatus, DateOnly? CandidateSince, DateOnly? ArchivedOn = null, decimal IncomePerHead = 0, DateOnly? CandidateEnded = null)
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
        /// <summary>The district these rows are of, with its line history; null for the whole city.</summary>
        public Region? District { get; init; }
        /// <summary>The store's first district, whose subsidy caps are kept without a code.</summary>
        public bool IsFirstDistrict { get; init; }
        /// <summary>Every district's lines, for candidacy in a city-wide snapshot.</summary>
        public DistrictBook? Districts { get; init; }
        /// <summary>The zero-employment households on each trend point, once computed.</summary>
        public List<HashSet<string>>? ZeroByPoint { get; set; }
        /// <summary>All division rows, for finding a district's streets.</summary>
        public List<Division> Divisions { get; init; } = [];

        /// <summary>
        /// An exit candidate on a day: a candidate that day by its recorded candidacy (flagged on or
        /// before it, and still flagged or the flag cleared after it, as when the lines went up since),
        /// with an income per head that reached the edge line its district had in force that day (income
        /// as now recorded: the records keep no income history). So a quarter before a change of lines
        /// keeps the candidates of the lines then in force, and a quarter after it drops them.
        /// </summary>
        public bool CandidateOn(HouseholdRow h, DateOnly day)
        {
            var flagged = h.ExitStatus == ExitStatus.Candidate
                ? h.CandidateSince is null || h.CandidateSince <= day
                : h.ExitStatus == ExitStatus.None && h.CandidateSince <= day && h.CandidateEnded > day;
            if (!flagged)
            {
                return false;
            }
            var lines = District is { } region ? DistrictLines.On(region, day) : Districts?.LinesOn(h.Id, day);
            return lines is not { } l || HouseholdStanding.Band(h.IncomePerHead, l.DibaoLine, l.EdgeLine) == IncomeBand.AboveEdgeLine;
        }

        /// <summary>The rows of one district alone (its records by their keys), with its own streets.</summary>
        public Snapshot Of(Region region, DistrictBook districts)
        {
            var district = districts.RefOf(region);
            var placements = Placements.Where(p => district.Holds(p.PersonId)).ToList();
            var households = Households.Values.Where(h => district.Holds(h.Id)).ToDictionary(h => h.Id, StringComparer.Ordinal);
            var persons = Persons.Values.Where(p => district.Holds(p.Id)).ToDictionary(p => p.Id, StringComparer.Ordinal);
            var exits = Exits.Where(e => district.Holds(e.HouseholdId)).ToList();
            var restricted = new Snapshot
            {
                Households = households,
                Members = persons.Values.ToLookup(p => p.HouseholdId, StringComparer.Ordinal),
                Persons = persons,
                Placements = placements,
                PlacementsByPerson = placements.ToLookup(p => p.PersonId, StringComparer.Ordinal),
                FirstPlacements = FirstPlacements.Where(p => district.Holds(p.PersonId)).ToList(),
                FollowUps = FollowUps.Where(f => district.Holds(f.Placement.PersonId)).ToList(),
                Exits = exits,
                ExitsByHousehold = exits.ToLookup(e => e.HouseholdId, StringComparer.Ordinal),
                Streets = Streets,
                ExpiredReferrals = ExpiredReferrals.Where(e => district.Holds(e.PersonId)).ToList(),
                Satisfaction = Satisfaction.Where(a => district.Holds(a.Placement.PersonId)).ToList(),
                Training = Training.Where(t => district.Holds(t.PersonId)).ToList(),
                Caps = Caps,
                DistrictName = "",
                Divisions = Divisions,
            };
            return restricted.WithDistrict(region, districts);
        }

        /// <summary>These rows as the given district's: its name and code, its lines and its streets.</summary>
        public Snapshot WithDistrict(Region region, DistrictBook districts)
        {
            var code = region.DivisionCode;
            var district = Divisions.FirstOrDefault(d => d.Level == DivisionLevel.District && (code is null || d.Code == code));
            // The first district without a code of its own keeps every street the store knows, as before several.
            var streets = Divisions.Where(d => d.Level == DivisionLevel.Street
                    && (code is null ? region.Id == districts.First?.Id : d.ParentCode == code || d.Code.StartsWith(code, StringComparison.Ordinal)))
                .OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
            return new Snapshot
            {
                Households = Households,
                Members = Members,
                Persons = Persons,
                Placements = Placements,
                PlacementsByPerson = PlacementsByPerson,
                FirstPlacements = FirstPlacements,
                FollowUps = FollowUps,
                Exits = Exits,
                ExitsByHousehold = ExitsByHousehold,
                Streets = streets,
                ExpiredReferrals = ExpiredReferrals,
                Satisfaction = Satisfaction,
                Training = Training,
                Caps = Caps,
                DistrictCode = district?.Code ?? code,
                DistrictName = region.Name,
                District = region,
                IsFirstDistrict = region.Id == districts.First?.Id,
                Districts = districts,
                Divisions = Divisions,
            };
        }

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

        /// <summary>Every record of the store; <see cref="Of"/> narrows it to one district.</summary>
        public static async Task<Snapshot> LoadAsync(AppDbContext db, DistrictBook districts, CancellationToken ct)
        {
            var divisions = await db.Divisions.AsNoTracking().ToListAsync(ct);
            var streetOf = new Streets(divisions);
            var streets = streetOf.All.ToList();

            var households = (await db.Households.AsNoTracking()
                    .Select(h => new { h.Id, h.Category, h.DivisionCode, h.RegisteredUtc, h.ExitStatus, h.ExitCandidateSinceUtc, h.ExitCandidateEndedUtc, h.ArchivedUtc, h.MonthlyIncome, h.Size })
                    .ToListAsync(ct))
                .Select(h => new HouseholdRow(h.Id, h.Category, streetOf.StreetOf(h.DivisionCode), DateOnly.FromDateTime(h.RegisteredUtc), h.ExitStatus,
                    h.ExitCandidateSinceUtc is { } since ? DateOnly.FromDateTime(since) : null,
                    h.ArchivedUtc is { } archived ? DateOnly.FromDateTime(archived) : null,
                    HouseholdStanding.IncomePerHead(h.MonthlyIncome, h.Size),
                    h.ExitCandidateEndedUtc is { } ended ? DateOnly.FromDateTime(ended) : null))
                .ToDictionary(h => h.Id, StringComparer.Ordinal);
            var persons = (await db.Persons.AsNoTracking()
                    .Select(p => new { p.Id, p.HouseholdId, p.LaborCapacity, p.Employed, p.RegisteredUtc })
                    .ToListAsync(ct))
                .Select(p => new PersonRow(p.Id, p.HouseholdId, p.LaborCapacity, p.Employed, DateOnly.FromDateTime(p.RegisteredUtc)))
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
                .Select(f => new FollowUpRow(placementById[f.PlacementId], f.DueOn, f.DoneUtc is { } done ? DateOnly.FromDateTime(done) : null))
                .ToList();
            var expired = (await (from step in db.ReferralSteps.AsNoTracking()
                                  join r in db.Referrals.AsNoTracking() on step.ReferralId equals r.Id
                                  where step.To == ReferralStatus.Expired
                                  select new { r.PersonId, step.AtUtc }).ToListAsync(ct))
                .Select(x => new ExpiredReferralRow(x.PersonId, DateOnly.FromDateTime(x.AtUtc))).ToList();
            var satisfaction = (await db.SatisfactionAnswers.AsNoTracking()
                    .Select(a => new { a.PlacementId, a.RecordedUtc, a.Job, a.Pay, a.Service }).ToListAsync(ct))
                .Where(a => placementById.ContainsKey(a.PlacementId))
                .Select(a => new SatisfactionRow(placementById[a.PlacementId], DateOnly.FromDateTime(a.RecordedUtc), (a.Job + a.Pay + a.Service) / 3.0))
                .ToList();
            var training = (await db.CourseEnrollments.AsNoTracking()
                    .Where(e => e.Status != Core.Training.EnrollmentStatus.Enrolled && e.ClosedUtc != null)
                    .Select(e => new { e.PersonId, e.Status, e.CompletedOn, e.ClosedUtc }).ToListAsync(ct))
                .Select(e => new TrainingRow(e.PersonId, e.Status == Core.Training.EnrollmentStatus.Completed,
                    e.CompletedOn ?? DateOnly.FromDateTime(e.ClosedUtc!.Value)))
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
                DistrictCode = divisions.FirstOrDefault(d => d.Level == DivisionLevel.District)?.Code,
                DistrictName = divisions.FirstOrDefault(d => d.Level == DivisionLevel.District)?.Name ?? "",
                Districts = districts,
                Divisions = divisions,
            };
        }
    }
}
