using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Positions;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Placement;

/// <summary>A hire: who, where, how it came about, from when; the wage defaults to the position's.</summary>
public sealed record HireRequest(string PersonId, string PositionId, PlacementChannel Channel, DateOnly StartedOn,
    decimal? MonthlyWage = null, long? ReferralId = null);

/// <summary>What a follow-up visit found.</summary>
public sealed record FollowUpOutcome(bool StillEmployed, decimal? MonthlyWage, string? Note);

/// <summary>
/// The steps that change several records at once — a hire, a follow-up, a placement's end — each
/// in one save, so a person is never placed in a household whose income does not show the wage.
/// Pages, the fair and the API all come through here.
/// </summary>
public sealed class PlacementWorkflow(AppDbContext db, AuditTrail audit, TimeProvider clock, PublicWelfareBudget budget)
{
    /// <summary>The household's district, with the lines in force today: a placement is weighed against them.</summary>
    private async Task<Region> DistrictOfAsync(string householdId, DateTime now, CancellationToken ct) =>
        await db.Regions.DistrictOf(householdId).OnAsync(clock.DayOf(now), ct)
        ?? throw new RefusalException($"household {householdId}", "region", RefusalCodes.LinesNotSet);

    public async Task<Placement> HireAsync(HireRequest request, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == request.PersonId, ct)
            ?? throw new RefusalException($"person {request.PersonId}", "personId", RefusalCodes.NoSuchRecord);
        var household = await db.Households.Include(h => h.Members).FirstAsync(h => h.Id == person.HouseholdId, ct);
        var position = await db.Positions.FirstOrDefaultAsync(p => p.Id == request.PositionId, ct)
            ?? throw new RefusalException($"position {request.PositionId}", "positionId", RefusalCodes.NoSuchRecord);
        var region = await DistrictOfAsync(household.Id, now, ct);

        if (person.Employed)
        {
            throw new RefusalException($"person {person.Id}", "employed", RefusalCodes.AlreadyEmployed);
        }
        if (person.LaborCapacity == LaborCapacity.None)
        {
            throw new RefusalException($"person {person.Id}", "laborCapacity", RefusalCodes.NoLabourCapacity);
        }
        if (!await db.Positions.ListedOn(clock.DayOf(now)).AnyAsync(p => p.Id == position.Id, ct))
        {
            throw new RefusalException($"position {position.Id}", "status", RefusalCodes.PositionNotOpen);
        }
        var wage = request.MonthlyWage ?? position.MonthlyWage;
        if (wage < 0)
        {
            throw new RefusalException($"position {position.Id}", "monthlyWage", RefusalCodes.WageOutOfRange);
        }

        Referral? referral = null;
        if (request.ReferralId is { } referralId)
        {
            referral = await db.Referrals.FirstOrDefaultAsync(r => r.Id == referralId, ct);
            if (referral is null || referral.PersonId != person.Id || referral.PositionId != position.Id)
            {
                throw new RefusalException($"referral {referralId}", "referralId", RefusalCodes.NotThisReferral);
            }
            referral.MoveTo(ReferralStatus.Hired, now, actor);
        }

        var placement = new Placement
        {
            PersonId = person.Id,
            PositionId = position.Id,
            ReferralId = referral?.Id,
            HouseholdId = household.Id,
            HouseholdCategory = household.Category,
            PublicWelfare = position.PublicWelfare,
            Channel = request.Channel,
            MonthlyWage = wage,
            StartedOn = request.StartedOn,
            CreatedBy = actor,
            CreatedUtc = now,
        };
        if (position.PublicWelfare)
        {
            // A public-welfare place is held for a term, then rotates (出一进一); a funded one counts against the quarter's cap.
            placement.TermEndsOn = request.StartedOn.AddMonths(budget.Options.TermMonths).AddDays(-1);
            if (position.MonthlySubsidy is > 0 && (position.FundedUntil is null || position.FundedUntil >= request.StartedOn))
            {
                placement.MonthlySubsidy = position.MonthlySubsidy;
                await budget.EnsureWithinCapAsync($"placement of {person.Id} to {position.Id}", household.DivisionCode,
                    position.MonthlySubsidy.Value, request.StartedOn, PublicWelfareBudget.PaidUntil(null, placement.TermEndsOn, position.FundedUntil, placement.TermEndsOn.Value), ct);
            }
        }
        foreach (var months in Placement.FollowUpMonths)
        {
            placement.FollowUps.Add(new FollowUp { MonthsAfter = months, DueOn = request.StartedOn.AddMonths(months) });
        }
        db.Placements.Add(placement);

        if (person.Status == PersonStatus.Registered)
        {
            person.MoveTo(PersonStatus.Seeking, now);
        }
        person.MoveTo(PersonStatus.Placed, now);
        person.Employed = true;
        household.MonthlyIncome += wage;
        HouseholdStanding.ReassessExit(household, region, now);

        position.Filled++;
        if (position.OpenPlaces == 0)
        {
            position.MoveTo(PositionStatus.Filled, actor, "all places taken", now);
        }

        // The person's other open referrals have served their purpose.
        var others = await db.Referrals
            .Where(r => r.PersonId == person.Id && r.Id != request.ReferralId
                && (r.Status == ReferralStatus.Proposed || r.Status == ReferralStatus.Sent || r.Status == ReferralStatus.Interview))
            .ToListAsync(ct);
        foreach (var other in others)
        {
            other.MoveTo(ReferralStatus.Withdrawn, now, actor, "placed-elsewhere");
            other.Note = Append(other.Note, "placed elsewhere");
        }

        Audit(actor, "hire", "person", person.Id, AuditDetail.Of(AuditDetails.Hired, position.Id, wage, request.Channel));
        await db.SaveChangesAsync(ct);
        return placement;
    }

    public async Task RecordFollowUpAsync(long followUpId, FollowUpOutcome outcome, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var followUp = await db.FollowUps.Include(f => f.Placement).FirstOrDefaultAsync(f => f.Id == followUpId, ct)
            ?? throw new RefusalException($"follow-up {followUpId}", "id", RefusalCodes.NoSuchRecord);
        if (followUp.DoneUtc is not null)
        {
            throw new RefusalException($"follow-up {followUpId}", "doneUtc", RefusalCodes.AlreadyRecorded);
        }
        if (outcome.MonthlyWage is < 0)
        {
            throw new RefusalException($"follow-up {followUpId}", "monthlyWage", RefusalCodes.WageOutOfRange);
        }
        var placement = followUp.Placement!;
        followUp.DoneUtc = now;
        followUp.DoneBy = actor;
        followUp.StillEmployed = outcome.StillEmployed;
        followUp.MonthlyWage = outcome.MonthlyWage;
        followUp.Note = outcome.Note;

        if (placement.Status == PlacementStatus.Ended)
        {
            // A late record of a visit to a placement that already ended changes nothing else.
        }
        else if (!outcome.StillEmployed)
        {
            await EndAsync(placement, clock.DayOf(now), outcome.Note ?? "job lost at follow-up", actor, now, ct);
        }
        else
        {
            var household = await db.Households.Include(h => h.Members).FirstAsync(h => h.Id == placement.HouseholdId, ct);
            if (outcome.MonthlyWage is { } wage && wage != placement.MonthlyWage)
            {
                household.MonthlyIncome = Math.Max(0, household.MonthlyIncome + wage - placement.MonthlyWage);
                placement.MonthlyWage = wage;
            }
            var region = await DistrictOfAsync(household.Id, now, ct);
            HouseholdStanding.ReassessExit(household, region, now);
            // Still in work at the last visit: the placement has held.
            if (followUp.MonthsAfter == Placement.FollowUpMonths[^1] && placement.Status == PlacementStatus.Active)
            {
                placement.Status = PlacementStatus.Stable;
                var person = await db.Persons.FirstAsync(p => p.Id == placement.PersonId, ct);
                if (Person.Lifecycle.CanMove(person.Status, PersonStatus.Stable))
                {
                    person.MoveTo(PersonStatus.Stable, now);
                }
            }
        }
        Audit(actor, "follow-up", "person", placement.PersonId,
            AuditDetail.Of(AuditDetails.FollowUpRecorded, placement.Id, followUp.MonthsAfter, outcome.StillEmployed));
        await db.SaveChangesAsync(ct);
    }

    public async Task EndPlacementAsync(long placementId, DateOnly endedOn, string reason, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var placement = await db.Placements.FirstOrDefaultAsync(p => p.Id == placementId, ct)
            ?? throw new RefusalException($"placement {placementId}", "id", RefusalCodes.NoSuchRecord);
        if (placement.Status == PlacementStatus.Ended)
        {
            throw new RefusalException($"placement {placementId}", "status", RefusalCodes.AlreadyEnded);
        }
        if (endedOn < placement.StartedOn)
        {
            throw new RefusalException($"placement {placementId}", "endedOn", RefusalCodes.BeforeStart);
        }
        await EndAsync(placement, endedOn, reason, actor, now, ct);
        Audit(actor, "placement-ended", "person", placement.PersonId, AuditDetail.Of(AuditDetails.PlacementEnded, placement.Id, reason));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The job is gone: the person seeks again, the household loses the wage, an exit is revoked.</summary>
    private async Task EndAsync(Placement placement, DateOnly endedOn, string reason, string actor, DateTime now, CancellationToken ct)
    {
        Placement.Lifecycle.EnsureCanMove(placement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), placement.Status, PlacementStatus.Ended);
        placement.Status = PlacementStatus.Ended;
        placement.EndedOn = endedOn;
        placement.EndedReason = reason.Length > 1000 ? reason[..1000] : reason;

        var person = await db.Persons.FirstAsync(p => p.Id == placement.PersonId, ct);
        person.Employed = false;
        person.MoveTo(PersonStatus.Seeking, now);

        var household = await db.Households.Include(h => h.Members).Include(h => h.Exits)
            .FirstAsync(h => h.Id == person.HouseholdId, ct);
        household.MonthlyIncome = Math.Max(0, household.MonthlyIncome - placement.MonthlyWage);
        if (household.ExitStatus == ExitStatus.Exited)
        {
            foreach (var exit in household.Exits.Where(e => e.RevokedOn is null))
            {
                exit.RevokedOn = endedOn;
                exit.RevokedReason = "job lost: " + placement.EndedReason;
            }
            household.ExitStatus = ExitStatus.None;
            household.ExitedUtc = null;
        }
        var region = await DistrictOfAsync(household.Id, now, ct);
        HouseholdStanding.ReassessExit(household, region, now);

        // The place is free again for someone else.
        var position = await db.Positions.FirstAsync(p => p.Id == placement.PositionId, ct);
        position.Filled = Math.Max(0, position.Filled - 1);
        if (position.Status == PositionStatus.Filled && position.OpenPlaces > 0)
        {
            position.MoveTo(PositionStatus.Open, actor, "a place became free", now);
        }
    }

    private void Audit(string actor, string action, string entityType, string entityId, AuditDetail detail) =>
        audit.Add(actor, action, entityType, entityId, detail);

    private static string Append(string? note, string text) => string.IsNullOrEmpty(note) ? text : note + "; " + text;
}
