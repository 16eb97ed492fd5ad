using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Counseling;

/// <summary>A referral as a counselor asks for it; consent is the person's, recorded by the counselor.</summary>
public sealed record ReferralInput(string PersonId, string PositionId, bool Consent, string? Note = null,
    double? MatchScore = null, long? LeadId = null);

/// <summary>
/// A referral's life (推荐): sent with consent → interview → hired, rejected or withdrawn, with the
/// person's status moving along. Pages and the API both come here; the lifecycle itself is
/// <see cref="Referral.Lifecycle"/>, and a hire goes through <see cref="PlacementWorkflow"/>.
/// Callers check first that the person is in the counselor's area.
/// </summary>
public sealed class ReferralDesk(AppDbContext db, AuditTrail audit, PlacementWorkflow placements, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<ReferralOptions> referralOptions)
{
    public const int MaxNoteLength = 1000;
    public const decimal MaxMonthlyWage = Domain.InputRules.MonthlyWageMax;

    public static readonly ReferralStatus[] Open = [ReferralStatus.Proposed, ReferralStatus.Sent, ReferralStatus.Interview];

    /// <summary>
    /// Refers the person. Two referrals for one person never commit side by side: each one writes
    /// the person's row (its version), so the later of two parallel requests fails its save, and is
    /// then run again on fresh data, where it finds the first one's referral and is refused as a
    /// duplicate (<see cref="RefusalCodes.AlreadyReferred"/>) rather than failing.
    /// </summary>
    public async Task<Referral> ReferAsync(ReferralInput input, string actor, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReferOnceAsync(input, actor, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Referral> ReferOnceAsync(ReferralInput input, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var record = $"referral of {input.PersonId} to {input.PositionId}";
        if (!input.Consent)
        {
            throw new RefusalException(record, nameof(ReferralInput.Consent), RefusalCodes.ConsentRequired);
        }
        if (input.Note is { Length: > MaxNoteLength })
        {
            throw new RefusalException(record, nameof(ReferralInput.Note), RefusalCodes.TooLong);
        }
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == input.PersonId, ct)
            ?? throw new RefusalException(record, nameof(ReferralInput.PersonId), RefusalCodes.NoSuchRecord);
        var position = await db.Positions.FirstOrDefaultAsync(p => p.Id == input.PositionId, ct)
            ?? throw new RefusalException(record, nameof(ReferralInput.PositionId), RefusalCodes.NoSuchRecord);
        if (!await db.Positions.ListedOn(clock.DayOf(now)).AnyAsync(p => p.Id == position.Id, ct))
        {
            throw new RefusalException(record, nameof(ReferralInput.PositionId), RefusalCodes.PositionNotOpen);
        }
        if (person.Employed || person.Status is PersonStatus.Placed or PersonStatus.Stable)
        {
            throw new RefusalException(record, nameof(ReferralInput.PersonId), RefusalCodes.AlreadyEmployed);
        }
        if (person.LaborCapacity == LaborCapacity.None)
        {
            throw new RefusalException(record, nameof(ReferralInput.PersonId), RefusalCodes.NoLabourCapacity);
        }
        if (await db.Referrals.AnyAsync(r => r.PersonId == person.Id && r.PositionId == position.Id && Open.Contains(r.Status), ct))
        {
            throw new RefusalException(record, nameof(ReferralInput.PositionId), RefusalCodes.AlreadyReferred);
        }
        await ReferralPipeline.EnsureFairShareAsync(db, person.Id, position, referralOptions.Value, record, ct);
        Lead? lead = null;
        if (input.LeadId is { } leadId)
        {
            lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == leadId, ct);
            if (lead is null || lead.PersonId != person.Id || lead.PositionId != position.Id)
            {
                throw new RefusalException($"lead {leadId}", nameof(ReferralInput.LeadId), RefusalCodes.NoSuchRecord);
            }
            if (lead.Status is not (LeadStatus.New or LeadStatus.Contacted))
            {
                throw new RefusalException($"lead {leadId}", nameof(ReferralInput.LeadId), RefusalCodes.LeadHandled);
            }
        }

        var referral = new Referral
        {
            PersonId = person.Id,
            PositionId = position.Id,
            Channel = lead is null ? PlacementChannel.Referral : PlacementChannel.Kiosk,
            ConsentRecorded = true,
            ConsentUtc = now,
            MatchScore = input.MatchScore,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            CreatedBy = actor,
            CreatedUtc = now,
            UpdatedUtc = now,
            ExpiresOn = ReferralPipeline.ExpiryFrom(clock.DayOf(now), referralOptions.Value),
        };
        // Proposed, then sent at once: the counselor refers in one step, the lifecycle still sees both.
        referral.MoveTo(ReferralStatus.Sent, now, actor, lead is null ? null : "kiosk-lead");
        db.Referrals.Add(referral);
        if (person.Status is PersonStatus.Registered or PersonStatus.Inactive)
        {
            person.MoveTo(PersonStatus.Seeking, now);
        }
        if (person.Status == PersonStatus.Seeking)
        {
            person.MoveTo(PersonStatus.Referred, now);
        }
        // The person's version changes with every referral, whether or not the status does: the row is the lock.
        db.Entry(person).Property(p => p.Version).CurrentValue = Guid.NewGuid();
        audit.Add(actor, "refer", AuditTrail.Person, person.Id, AuditDetail.Of(AuditDetails.Referred, position.Id, referral.Channel));

        // The lead points at the referral, whose id exists only after the first save: one transaction for both.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (lead is not null)
        {
            lead.Status = LeadStatus.Referred;
            lead.ReferralId = referral.Id;
            lead.HandledUtc = now;
            lead.HandledBy = actor;
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return referral;
    }

    /// <summary>Interview, rejected or withdrawn (the undo of a referral sent by mistake); a hire is <see cref="HireAsync"/>.</summary>
    public async Task<Referral> MoveAsync(long referralId, ReferralStatus to, string? note, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var record = $"referral {referralId}";
        if (to is ReferralStatus.Hired or ReferralStatus.Proposed or ReferralStatus.Sent)
        {
            throw new RefusalException(record, "Status", RefusalCodes.NotAllowed);
        }
        if (note is { Length: > MaxNoteLength })
        {
            throw new RefusalException(record, "Note", RefusalCodes.TooLong);
        }
        var referral = await db.Referrals.FirstOrDefaultAsync(r => r.Id == referralId, ct)
            ?? throw new RefusalException(record, "id", RefusalCodes.NoSuchRecord);
        if (!Referral.Lifecycle.CanMove(referral.Status, to))
        {
            throw new RefusalException(record, "Status", RefusalCodes.NotAllowed);
        }
        var person = await db.Persons.FirstAsync(p => p.Id == referral.PersonId, ct);
        referral.MoveTo(to, now, actor, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        if (!string.IsNullOrWhiteSpace(note))
        {
            referral.Note = string.IsNullOrEmpty(referral.Note) ? note.Trim() : referral.Note + "; " + note.Trim();
            if (referral.Note.Length > MaxNoteLength)
            {
                referral.Note = referral.Note[..MaxNoteLength];
            }
        }
        if (to == ReferralStatus.Interview)
        {
            referral.InterviewUtc = now;
            referral.ExpiresOn = ReferralPipeline.ExpiryFrom(clock.DayOf(now), referralOptions.Value);
            if (person.Status == PersonStatus.Referred)
            {
                person.MoveTo(PersonStatus.Interviewing, now);
            }
        }
        else
        {
            await ReferralPipeline.SettlePersonAsync(db, person, referral.Id, now, ct);
        }
        audit.Add(actor, "referral-" + to.ToString().ToLowerInvariant(), AuditTrail.Person, person.Id, AuditDetail.Of(AuditDetails.Referral, referral.Id, referral.PositionId));
        await db.SaveChangesAsync(ct);
        return referral;
    }

    /// <summary>The hire that ends a referral: placement, employment, household income and zero-employment in one save.</summary>
    public async Task<Placement.Placement> HireAsync(long referralId, DateOnly startedOn, decimal? monthlyWage, string actor, CancellationToken ct = default)
    {
        var record = $"referral {referralId}";
        var today = clock.Today();
        var referral = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(r => r.Id == referralId, ct)
            ?? throw new RefusalException(record, "id", RefusalCodes.NoSuchRecord);
        if (!Referral.Lifecycle.CanMove(referral.Status, ReferralStatus.Hired))
        {
            throw new RefusalException(record, "Status", RefusalCodes.NotAllowed);
        }
        if (startedOn > today.AddDays(90))
        {
            throw new RefusalException(record, "StartedOn", RefusalCodes.DateInFuture);
        }
        if (startedOn < clock.DayOf(referral.CreatedUtc))
        {
            throw new RefusalException(record, "StartedOn", RefusalCodes.DateTooEarly);
        }
        if (monthlyWage is { } wage && (wage <= 0 || wage > MaxMonthlyWage))
        {
            throw new RefusalException(record, "MonthlyWage", RefusalCodes.WageOutOfRange);
        }
        // Refused here, before the workflow starts changing records, rather than half-way through it.
        var status = await db.Persons.Where(p => p.Id == referral.PersonId).Select(p => p.Status).FirstAsync(ct);
        if (status != PersonStatus.Registered && !Person.Lifecycle.CanMove(status, PersonStatus.Placed))
        {
            throw new RefusalException(record, "Status", RefusalCodes.NotAllowed);
        }
        return await placements.HireAsync(new HireRequest(referral.PersonId, referral.PositionId, referral.Channel, startedOn,
            monthlyWage, referral.Id), actor, ct);
    }

    public async Task MarkLeadContactedAsync(long leadId, string? note, string actor, CancellationToken ct = default)
    {
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == leadId, ct)
            ?? throw new RefusalException($"lead {leadId}", "id", RefusalCodes.NoSuchRecord);
        if (lead.Status != LeadStatus.New)
        {
            throw new RefusalException($"lead {leadId}", "Status", RefusalCodes.LeadHandled);
        }
        if (note is { Length: > MaxNoteLength })
        {
            throw new RefusalException($"lead {leadId}", "Note", RefusalCodes.TooLong);
        }
        lead.Status = LeadStatus.Contacted;
        lead.HandledUtc = clock.GetUtcNow().UtcDateTime;
        lead.HandledBy = actor;
        lead.Note = string.IsNullOrWhiteSpace(note) ? lead.Note : note.Trim();
        audit.Add(actor, "lead-contacted", AuditTrail.Person, lead.PersonId, AuditDetail.Of(AuditDetails.Lead, lead.Id, lead.PositionId));
        await db.SaveChangesAsync(ct);
    }
}
