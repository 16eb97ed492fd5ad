using Employment.Core.Data;
using Employment.Core.Employers;
using Employment.Core.Positions;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Review;

/// <summary>
/// The review queue: a posting goes live only when a counselor or admin approves it, and a
/// self-registered employer acts only when one approves the employer. Rejections carry a reason
/// the employer reads (in the position's history; in its own column for an employer).
/// </summary>
public sealed class PostingReview(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const string EmployerEntity = "employer";
    public const int MaxReason = 1000;

    /// <summary>
    /// Approves what the reviewer read: <paramref name="version"/> is the version the review page
    /// showed, so an edit made meanwhile is not approved unseen.
    /// </summary>
    public async Task<Position> ApproveAsync(string positionId, Guid version, string actor, CancellationToken ct = default)
    {
        var position = await InReviewAsync(positionId, version, ct);
        var employer = await db.Employers.FirstAsync(e => e.Id == position.EmployerId, ct);
        if (employer.Status != EmployerStatus.Approved)
        {
            throw new FieldErrorsException([new FieldError("", ErrorCodes.EmployerNotApproved)]);
        }
        position.MoveTo(PositionStatus.Open, actor, "approved", clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return position;
    }

    public async Task<Position> RejectAsync(string positionId, Guid version, string? reason, string actor, CancellationToken ct = default)
    {
        var trimmed = Reason(reason);
        var position = await InReviewAsync(positionId, version, ct);
        position.MoveTo(PositionStatus.Rejected, actor, trimmed, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return position;
    }

    public async Task ApproveEmployerAsync(string employerId, string actor, CancellationToken ct = default)
    {
        var employer = await PendingAsync(employerId, ct);
        employer.Status = EmployerStatus.Approved;
        employer.VerifiedUtc = clock.GetUtcNow().UtcDateTime;
        employer.VerifiedBy = actor.Length > 100 ? actor[..100] : actor;
        audit.Add(actor, "employer-approved", EmployerEntity, employer.Id);
        await db.SaveChangesAsync(ct);
    }

    public async Task RejectEmployerAsync(string employerId, string? reason, string actor, CancellationToken ct = default)
    {
        var trimmed = Reason(reason);
        var employer = await PendingAsync(employerId, ct);
        employer.Status = EmployerStatus.Rejected;
        employer.RejectionReason = trimmed;
        audit.Add(actor, "employer-rejected", EmployerEntity, employer.Id, AuditDetail.Of(AuditDetails.Reason, trimmed));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Why the employer was turned down, for its own waiting page.</summary>
    public async Task<string?> EmployerRejectionAsync(string employerId, CancellationToken ct = default) =>
        await db.Employers.AsNoTracking().Where(e => e.Id == employerId).Select(e => e.RejectionReason).FirstOrDefaultAsync(ct);

    private static string Reason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new FieldErrorsException([new FieldError("Reason", ErrorCodes.Required)]);
        }
        var trimmed = reason.Trim();
        if (trimmed.Length > MaxReason)
        {
            throw new FieldErrorsException([new FieldError("Reason", ErrorCodes.TooLong, MaxReason)]);
        }
        return trimmed;
    }

    private async Task<Position> InReviewAsync(string positionId, Guid version, CancellationToken ct)
    {
        var position = await db.Positions.FirstOrDefaultAsync(p => p.Id == positionId, ct)
            ?? throw new KeyNotFoundException($"position {positionId}");
        if (position.Status != PositionStatus.InReview)
        {
            throw new FieldErrorsException([new FieldError("", ErrorCodes.WrongState, position.Status.ToString())]);
        }
        if (position.Version != version)
        {
            throw new FieldErrorsException([new FieldError("", ErrorCodes.Changed)]);
        }
        return position;
    }

    private async Task<Employer> PendingAsync(string employerId, CancellationToken ct)
    {
        var employer = await db.Employers.FirstOrDefaultAsync(e => e.Id == employerId, ct)
            ?? throw new KeyNotFoundException($"employer {employerId}");
        if (employer.Status != EmployerStatus.Pending)
        {
            throw new FieldErrorsException([new FieldError("", ErrorCodes.WrongState, employer.Status.ToString())]);
        }
        return employer;
    }
}
