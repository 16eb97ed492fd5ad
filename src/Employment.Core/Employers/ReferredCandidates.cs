using Employment.Core.Domain;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Matching;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Employers;

/// <summary>
/// A person referred to an employer, as the employer may see them: what hiring needs and nothing
/// else. There is deliberately no household, category, income, cause, illness, disability, ID number,
/// address or counselor's note here: the query below selects only these columns, so what a page
/// or an API does with this record cannot leak more.
/// </summary>
public sealed record CandidateView(
    long ReferralId,
    string PositionId,
    string PositionTitle,
    string Name,
    IReadOnlyList<SkillLevel> Skills,
    string? Phone,
    IReadOnlyList<string> Needs,
    ReferralStatus Status,
    DateTime? InterviewUtc,
    DateTime UpdatedUtc,
    /// <summary>Who to call when the person left no phone: the counselor who referred them, and their work phone.</summary>
    string? CounselorName = null,
    string? CounselorPhone = null);

/// <summary>What an employer does with a referral: interview, hire, or turn down with a reason.</summary>
public sealed class ReferredCandidates(AppDbContext db, PlacementWorkflow workflow, AuditTrail audit, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Counseling.ReferralOptions> referralOptions)
{
    /// <summary>Referral states an employer sees: sent to them and after. Proposed ones have not reached them; withdrawn ones are gone.</summary>
    public static readonly ReferralStatus[] Visible = [ReferralStatus.Sent, ReferralStatus.Interview, ReferralStatus.Hired, ReferralStatus.Rejected, ReferralStatus.Expired];

    /// <summary>
    /// The employer's candidates (optionally for one of its positions), newest first, paged. Each
    /// person shown is written to the audit log: an employer reading a name and a phone number is a
    /// view of a personal record.
    /// </summary>
    public async Task<(IReadOnlyList<CandidateView> Items, int Total)> ForEmployerAsync(string employerId, string? positionId, int page, int pageSize,
        string actor, CancellationToken ct = default)
    {
        var query =
            from r in db.Referrals.AsNoTracking()
            join p in db.Positions.AsNoTracking() on r.PositionId equals p.Id
            join person in db.Persons.AsNoTracking() on r.PersonId equals person.Id
            where p.EmployerId == employerId && Visible.Contains(r.Status) && (positionId == null || p.Id == positionId)
            select new { r.Id, PositionId = p.Id, p.Title, person.Name, person.Skills, person.Phone, person.Needs, r.Status, r.InterviewUtc, r.UpdatedUtc, PersonId = person.Id };
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(x => x.UpdatedUtc).ThenByDescending(x => x.Id)
            .Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        foreach (var row in rows)
        {
            audit.Add(actor, "view", AuditTrail.Person, row.PersonId, AuditDetail.Of(AuditDetails.EmployerCandidate, employerId, row.PositionId));
        }
        if (rows.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        // A person without a phone is reached through the counselor who referred them: name them.
        var referrers = await ReferrersAsync(rows.Where(x => string.IsNullOrWhiteSpace(x.Phone)).Select(x => x.Id).ToList(), ct);
        var items = rows.Select(x => new CandidateView(x.Id, x.PositionId, x.Title, x.Name, x.Skills, x.Phone, x.Needs, x.Status, x.InterviewUtc, x.UpdatedUtc,
            referrers.GetValueOrDefault(x.Id).Name, referrers.GetValueOrDefault(x.Id).Phone)).ToList();
        return (items, total);
    }

    private async Task<Dictionary<long, (string? Name, string? Phone)>> ReferrersAsync(List<long> referralIds, CancellationToken ct)
    {
        if (referralIds.Count == 0)
        {
            return [];
        }
        var rows = await (
            from r in db.Referrals.AsNoTracking()
            join u in db.Users.AsNoTracking() on r.CreatedBy equals u.UserName
            where referralIds.Contains(r.Id)
            select new { r.Id, Name = u.DisplayName ?? u.UserName, u.PhoneNumber }).ToListAsync(ct);
        return rows.ToDictionary(x => x.Id, x => ((string?)x.Name, (string?)x.PhoneNumber));
    }

    public async Task ScheduleInterviewAsync(string employerId, long referralId, DateTime interviewUtc, string actor, CancellationToken ct = default)
    {
        var referral = await OwnAsync(employerId, referralId, ct);
        if (referral.Status is not (ReferralStatus.Sent or ReferralStatus.Interview))
        {
            throw new FieldErrorsException([new FieldError("", ErrorCodes.WrongState, referral.Status.ToString())]);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (interviewUtc < now.AddDays(-1))
        {
            throw new FieldErrorsException([new FieldError("InterviewAt", ErrorCodes.InPast)]);
        }
        if (referral.Status == ReferralStatus.Sent)
        {
            referral.MoveTo(ReferralStatus.Interview, now, actor);
        }
        referral.InterviewUtc = interviewUtc;
        // The employer answered with an interview: the referral waits until that day, and the usual time after it.
        referral.ExpiresOn = Counseling.ReferralPipeline.ExpiryFrom(clock.DayOf(interviewUtc > now ? interviewUtc : now), referralOptions.Value);
        referral.UpdatedUtc = now;
        var person = await db.Persons.FirstAsync(p => p.Id == referral.PersonId, ct);
        if (person.Status == PersonStatus.Referred)
        {
            person.MoveTo(PersonStatus.Interviewing, now);
        }
        audit.Add(actor, "interview", AuditTrail.Person, person.Id, AuditDetail.Of(AuditDetails.Interview, referral.Id, referral.PositionId, interviewUtc));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The hire itself is the placement workflow's: placement, income, zero-employment, all in one save.</summary>
    /// <param name="beforeInterviewConfirmed">
    /// A start before the recorded interview is usually a typing slip, but can be real (the person
    /// was taken on at a walk-in): refused with a warning until the employer confirms it.
    /// </param>
    public async Task<Placement.Placement> HireAsync(string employerId, long referralId, DateOnly startedOn, decimal? monthlyWage, string actor,
        CancellationToken ct = default, bool beforeInterviewConfirmed = false)
    {
        var referral = await OwnAsync(employerId, referralId, ct);
        if (referral.Status is not (ReferralStatus.Sent or ReferralStatus.Interview))
        {
            throw new FieldErrorsException([new FieldError("", ErrorCodes.WrongState, referral.Status.ToString())]);
        }
        if (referral.InterviewUtc is { } interviewUtc && !beforeInterviewConfirmed)
        {
            var interviewDay = clock.DayOf(interviewUtc);
            if (startedOn < interviewDay)
            {
                throw new FieldErrorsException([new FieldError("StartedOn", ErrorCodes.BeforeInterview,
                    interviewDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);
            }
        }
        if (monthlyWage is < 0 or > Domain.InputRules.MonthlyWageMax)
        {
            throw new FieldErrorsException([new FieldError("MonthlyWage", ErrorCodes.Range, 0, Domain.InputRules.MonthlyWageMax)]);
        }
        try
        {
            return await workflow.HireAsync(new HireRequest(referral.PersonId, referral.PositionId, referral.Channel, startedOn, monthlyWage, referral.Id), actor, ct);
        }
        catch (RefusalException ex) when (ex.Code == RefusalCodes.SubsidyCapReached)
        {
            throw new FieldErrorsException([new FieldError("", ErrorCodes.SubsidyCap, [.. ex.Arguments])]);
        }
        catch (RefusalException ex)
        {
            throw new FieldErrorsException([new FieldError("", ErrorCodes.Workflow, ex.Field)]);
        }
    }

    public async Task RejectAsync(string employerId, long referralId, string? reason, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new FieldErrorsException([new FieldError("Reason", ErrorCodes.Required)]);
        }
        if (reason.Trim().Length > 500)
        {
            throw new FieldErrorsException([new FieldError("Reason", ErrorCodes.TooLong, 500)]);
        }
        var referral = await OwnAsync(employerId, referralId, ct);
        if (referral.Status is not (ReferralStatus.Sent or ReferralStatus.Interview))
        {
            throw new FieldErrorsException([new FieldError("", ErrorCodes.WrongState, referral.Status.ToString())]);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        referral.MoveTo(ReferralStatus.Rejected, now, actor, reason.Trim());
        var note = "employer: " + reason.Trim();
        referral.Note = string.IsNullOrEmpty(referral.Note) ? note : $"{referral.Note}; {note}";
        if (referral.Note.Length > 1000)
        {
            referral.Note = referral.Note[^1000..];
        }
        var person = await db.Persons.FirstAsync(p => p.Id == referral.PersonId, ct);
        await Counseling.ReferralPipeline.SettlePersonAsync(db, person, referral.Id, now, ct);
        audit.Add(actor, "referral-rejected", AuditTrail.Person, person.Id, AuditDetail.Of(AuditDetails.ReferralRejected, referral.Id, referral.PositionId, reason.Trim()));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The referral, if it is to one of this employer's positions; otherwise as if it did not exist.</summary>
    private async Task<Referral> OwnAsync(string employerId, long referralId, CancellationToken ct)
    {
        var referral = await (from r in db.Referrals
                              join p in db.Positions on r.PositionId equals p.Id
                              where r.Id == referralId && p.EmployerId == employerId && Visible.Contains(r.Status)
                              select r).FirstOrDefaultAsync(ct);
        return referral ?? throw new KeyNotFoundException($"referral {referralId}");
    }
}
