using Employment.Core.Domain;
using System.ComponentModel.DataAnnotations;
using Employment.Core.Counseling;
using Employment.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Placement;

/// <summary>Who gave a satisfaction answer: the counselor at a follow-up, or the placed person at a kiosk.</summary>
public enum SurveySource { FollowUp, Kiosk }

/// <summary>A short satisfaction survey (满意度) about a placement: the job, the pay and the service, each 1 to 5.</summary>
public sealed class SatisfactionAnswer
{
    public const int MaxRemarkLength = 500;

    public long Id { get; set; }
    public long PlacementId { get; set; }
    [MaxLength(64)] public required string PersonId { get; set; }
    public long? FollowUpId { get; set; }
    public SurveySource Source { get; set; }
    public int Job { get; set; }
    public int Pay { get; set; }
    public int Service { get; set; }
    [MaxLength(MaxRemarkLength)] public string? Remark { get; set; }
    public DateTime RecordedUtc { get; set; }
    [MaxLength(256)] public required string RecordedBy { get; set; }

    /// <summary>The answer's score: the mean of its three parts.</summary>
    public double Score => (Job + Pay + Service) / 3.0;
}

/// <summary>The three answers and a remark, as a form or the kiosk sends them.</summary>
public sealed record SurveyInput(int Job, int Pay, int Service, string? Remark);

/// <summary>Records satisfaction answers: one per follow-up from the counselor, one per quarter and placement from the kiosk.</summary>
public sealed class SatisfactionSurveys(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>A placement's answers of one source, outside follow-ups, in the district's current quarter: the one the quarter allows.</summary>
    public static IQueryable<SatisfactionAnswer> ThisQuarter(AppDbContext db, long placementId, SurveySource source, TimeProvider clock)
    {
        var since = clock.StartOfDayUtc(Reports.Quarter.Of(clock.Today()).FirstDay);
        return db.SatisfactionAnswers.Where(a => a.PlacementId == placementId && a.Source == source && a.FollowUpId == null && a.RecordedUtc >= since);
    }

    public async Task<SatisfactionAnswer> RecordAsync(long placementId, SurveySource source, SurveyInput input, string actor,
        long? followUpId = null, CancellationToken ct = default)
    {
        var record = $"placement {placementId}";
        foreach (var (field, value) in new[] { ("Job", input.Job), ("Pay", input.Pay), ("Service", input.Service) })
        {
            if (value is < 1 or > 5)
            {
                throw new RefusalException(record, field, RefusalCodes.OutOfRange, 1, 5);
            }
        }
        var remark = string.IsNullOrWhiteSpace(input.Remark) ? null : input.Remark.Trim();
        if (remark is { Length: > SatisfactionAnswer.MaxRemarkLength })
        {
            throw new RefusalException(record, "Remark", RefusalCodes.TooLong);
        }
        var placement = await db.Placements.AsNoTracking().FirstOrDefaultAsync(p => p.Id == placementId, ct)
            ?? throw new RefusalException(record, "id", RefusalCodes.NoSuchRecord);
        var now = clock.GetUtcNow().UtcDateTime;
        if (followUpId is { } fid && !await db.FollowUps.AnyAsync(f => f.Id == fid && f.PlacementId == placementId, ct))
        {
            throw new RefusalException(record, "FollowUpId", RefusalCodes.NoSuchRecord);
        }
        // One answer per follow-up, and from the kiosk one per quarter: a second one corrects the first.
        var answer = source == SurveySource.FollowUp && followUpId is not null
            ? await db.Set<SatisfactionAnswer>().FirstOrDefaultAsync(a => a.FollowUpId == followUpId, ct)
            : await ThisQuarter(db, placementId, source, clock).FirstOrDefaultAsync(ct);
        if (answer is null)
        {
            answer = new SatisfactionAnswer { PlacementId = placementId, PersonId = placement.PersonId, RecordedBy = actor };
            db.Add(answer);
        }
        answer.FollowUpId = followUpId;
        answer.Source = source;
        answer.Job = input.Job;
        answer.Pay = input.Pay;
        answer.Service = input.Service;
        answer.Remark = remark;
        answer.RecordedUtc = now;
        answer.RecordedBy = actor;
        audit.Add(actor, "satisfaction", AuditTrail.Person, placement.PersonId, AuditDetail.Of(AuditDetails.Satisfaction, placementId, source));
        await db.SaveChangesAsync(ct);
        return answer;
    }
}
