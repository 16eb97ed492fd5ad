using Employment.Core.Domain;
using Employment.Core.Data;
using Employment.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Core.Households;

/// <summary>Where an exited household stands in its transition and incentive years.</summary>
public enum ExitPhase { Transition, Incentive, Completed, Revoked }

/// <summary>One exit as the incentive tracking shows it.</summary>
public sealed record TrackedExit(long ExitId, string HouseholdId, string? DivisionCode, DateOnly VerifiedOn, string VerifiedBy,
    decimal IncomePerHead, decimal EdgeLine, DateOnly TransitionEndsOn, DateOnly IncentiveEndsOn, DateOnly? RevokedOn,
    string? RevokedReason, ExitPhase Phase);

/// <summary>
/// Verified exits (脱贫/退出): a counselor confirms an exit candidate with a dated note; the exit
/// records the income per head and the lines then in force, and starts the transition period and the
/// incentive years. Flagging candidates (HouseholdStanding) and revoking an exit when a follow-up
/// finds the job lost (the placement workflow) live elsewhere; this class verifies and tracks.
/// </summary>
public sealed class HouseholdExits(AppDbContext db, AuditTrail audit, TimeProvider clock, IOptions<OutcomeOptions> options)
{
    public const int NoteMaxLength = 2000;

    /// <summary>How long after verifying an exit its verifier may still undo it as a mistake.</summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromHours(24);

    public DateOnly Today => clock.Today();

    public async Task<HouseholdExit> VerifyAsync(string householdId, DateOnly verifiedOn, string? note, string actor,
        CancellationToken cancellationToken = default)
    {
        var household = await db.Households.FirstOrDefaultAsync(h => h.Id == householdId, cancellationToken)
            ?? throw new RefusalException($"household {householdId}", "householdId", RefusalCodes.NoSuchRecord);
        if (household.ExitStatus != ExitStatus.Candidate)
        {
            throw new RefusalException($"household {householdId}", "exitStatus",
                household.ExitStatus == ExitStatus.Exited ? RefusalCodes.AlreadyExited : RefusalCodes.NotExitCandidate);
        }
        note = note?.Trim();
        if (string.IsNullOrEmpty(note))
        {
            throw new RefusalException($"household {householdId}", "note", RefusalCodes.Required);
        }
        if (note.Length > NoteMaxLength)
        {
            throw new RefusalException($"household {householdId}", "note", RefusalCodes.TooLong, NoteMaxLength);
        }
        var today = Today;
        if (verifiedOn > today)
        {
            throw new RefusalException($"household {householdId}", "verifiedOn", RefusalCodes.DateInFuture);
        }
        if (household.ExitCandidateSinceUtc is { } since && verifiedOn < clock.DayOf(since))
        {
            throw new RefusalException($"household {householdId}", "verifiedOn", RefusalCodes.BeforeCandidate, clock.DayOf(since));
        }
        // The exit is checked against, and records, the lines in force on the day it is verified for.
        var region = await db.Regions.DistrictOf(household.Id).OnAsync(verifiedOn, cancellationToken)
            ?? throw new RefusalException($"household {householdId}", "region", RefusalCodes.LinesNotSet);
        if (HouseholdStanding.Band(household, region) != IncomeBand.AboveEdgeLine)
        {
            throw new RefusalException($"household {householdId}", "verifiedOn", RefusalCodes.BelowLineInForce,
                verifiedOn, region.EdgeLine, HouseholdStanding.IncomePerHead(household));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var o = options.Value;
        var exit = new HouseholdExit
        {
            HouseholdId = household.Id,
            VerifiedOn = verifiedOn,
            VerifiedBy = actor,
            Note = note,
            IncomePerHead = HouseholdStanding.IncomePerHead(household),
            DibaoLine = region.DibaoLine,
            EdgeLine = region.EdgeLine,
            TransitionEndsOn = verifiedOn.AddMonths(o.TransitionMonths),
            IncentiveEndsOn = verifiedOn.AddYears(o.IncentiveYears),
            CreatedUtc = now,
        };
        db.HouseholdExits.Add(exit);
        household.ExitStatus = ExitStatus.Exited;
        household.ExitedUtc = now;
        audit.Add(actor, "exit-verified", AuditTrail.Household, household.Id,
            AuditDetail.Of(AuditDetails.ExitVerified, verifiedOn, exit.IncomePerHead, exit.DibaoLine, exit.EdgeLine));
        // One SaveChanges: the exit, the household's status and the audit line commit together or not at all.
        await db.SaveChangesAsync(cancellationToken);
        return exit;
    }

    /// <summary>
    /// Takes back an exit verified by mistake: only its verifier, only within <see cref="UndoWindow"/>,
    /// only while nothing has revoked it. The row goes (a mistake is not an exit that failed) and
    /// the household is a candidate again.
    /// </summary>
    public async Task UndoAsync(long exitId, string actor, CancellationToken cancellationToken = default)
    {
        var exit = await db.HouseholdExits.FirstOrDefaultAsync(e => e.Id == exitId, cancellationToken)
            ?? throw new RefusalException($"exit {exitId}", "exitId", RefusalCodes.NoSuchRecord);
        var now = clock.GetUtcNow().UtcDateTime;
        if (exit.RevokedOn is not null)
        {
            throw new RefusalException($"household {exit.HouseholdId}", "exitId", RefusalCodes.ExitRevoked);
        }
        if (!string.Equals(exit.VerifiedBy, actor, StringComparison.Ordinal))
        {
            throw new RefusalException($"household {exit.HouseholdId}", "exitId", RefusalCodes.NotYourExit);
        }
        if (now - exit.CreatedUtc > UndoWindow)
        {
            throw new RefusalException($"household {exit.HouseholdId}", "exitId", RefusalCodes.UndoWindowPassed);
        }
        var household = await db.Households.FirstAsync(h => h.Id == exit.HouseholdId, cancellationToken);
        db.HouseholdExits.Remove(exit);
        household.ExitStatus = ExitStatus.Candidate;
        household.ExitedUtc = null;
        audit.Add(actor, "exit-undone", AuditTrail.Household, household.Id, AuditDetail.Of(AuditDetails.ExitUndone, exit.VerifiedOn));
        await db.SaveChangesAsync(cancellationToken);
    }

    public static ExitPhase PhaseOf(HouseholdExit exit, DateOnly day) =>
        exit.RevokedOn is not null && exit.RevokedOn <= day ? ExitPhase.Revoked
        : day <= exit.TransitionEndsOn ? ExitPhase.Transition
        : day <= exit.IncentiveEndsOn ? ExitPhase.Incentive
        : ExitPhase.Completed;

    /// <summary>
    /// Exits for the incentive tracking, newest first, of the given households (the caller's visible
    /// ones: the area rule lives with the access rules, not here). Completed ones are left out unless asked for.
    /// </summary>
    public async Task<IReadOnlyList<TrackedExit>> TrackAsync(IQueryable<Household> households, bool includeCompleted = false,
        CancellationToken cancellationToken = default)
    {
        var today = Today;
        var rows = await db.HouseholdExits.AsNoTracking()
            .Join(households, e => e.HouseholdId, h => h.Id, (e, h) => new { Exit = e, h.DivisionCode })
            .OrderByDescending(x => x.Exit.VerifiedOn).ThenByDescending(x => x.Exit.Id)
            .ToListAsync(cancellationToken);
        return rows
            .Select(x => new TrackedExit(x.Exit.Id, x.Exit.HouseholdId, x.DivisionCode, x.Exit.VerifiedOn, x.Exit.VerifiedBy,
                x.Exit.IncomePerHead, x.Exit.EdgeLine, x.Exit.TransitionEndsOn, x.Exit.IncentiveEndsOn, x.Exit.RevokedOn,
                x.Exit.RevokedReason, PhaseOf(x.Exit, today)))
            .Where(t => includeCompleted || t.Phase != ExitPhase.Completed)
            .ToList();
    }
}
