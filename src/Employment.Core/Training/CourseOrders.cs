using System.Security.Cryptography;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Matching;
using Employment.Core.Positions;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Training;

/// <summary>What an employer asks for: a course for some of its own open positions (订单培训).</summary>
public sealed record CourseOrderRequest(
    string? Title, IReadOnlyList<string> PositionIds, IReadOnlyList<string> Skills, int Level, int Seats,
    DateOnly? WishedStart, DateOnly? WishedEnd);

/// <summary>What the reviewer completes when approving an order: who teaches it, when, and where.</summary>
public sealed record CourseOrderApproval(
    string? Provider, DateOnly? StartDate, DateOnly? EndDate, double? HoursPerWeek, bool Remote, string? Address, bool Subsidized);

/// <summary>
/// Order-based training (订单培训) from the employer's side: an employer asks for a course for its own
/// open positions; the order waits in the review queue beside postings (a course in
/// <see cref="CourseStatus.InReview"/>, taught by nobody yet); a counselor or admin approves it with
/// the provider and dates completed, and it joins the catalog as an open course whose
/// <see cref="Course.ForPositions"/> are the employer's positions (so <see cref="TrainingDesk.CompleteAsync"/>
/// refers its completers), or rejects it with a reason the employer reads. Saving the course writes
/// its outbox row like any other course's.
/// </summary>
public sealed class CourseOrders(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const string Entity = "course";
    public const int MaxReason = 1000;

    public async Task<Course> RequestAsync(string employerId, CourseOrderRequest request, string actor, CancellationToken ct = default)
    {
        const string record = "course order";
        var title = Text(record, "title", request.Title, InputRules.TitleMax);
        var positionIds = request.PositionIds.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (positionIds.Count == 0)
        {
            throw new RefusalException(record, "positions", RefusalCodes.Required);
        }
        var today = clock.Today();
        // Only the employer's own positions, and only those listed today: a course promises real places.
        var mine = await db.Positions.AsNoTracking().Where(p => positionIds.Contains(p.Id) && p.EmployerId == employerId)
            .Select(p => new { p.Id, Listed = db.Positions.ListedOn(today).Any(l => l.Id == p.Id) }).ToListAsync(ct);
        if (positionIds.FirstOrDefault(id => mine.All(m => m.Id != id)) is { } foreign)
        {
            throw new RefusalException(record, "positions", RefusalCodes.NotYourPosition, foreign);
        }
        if (mine.FirstOrDefault(m => !m.Listed) is { } closed)
        {
            throw new RefusalException(record, "positions", RefusalCodes.PositionNotOpen, closed.Id);
        }
        var skills = request.Skills.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (skills.Count == 0)
        {
            throw new RefusalException(record, "skills", RefusalCodes.Required);
        }
        if (skills.FirstOrDefault(s => Taxonomy.Taxonomy.Embedded.Skills.All(t => t.Code != s)) is { } unknown)
        {
            throw new RefusalException(record, "skills", RefusalCodes.UnknownSkill, unknown);
        }
        if (request.Level is < 1 or > 3)
        {
            throw new RefusalException(record, "level", RefusalCodes.OutOfRange, 1, 3);
        }
        if (request.Seats < 1 || request.Seats > InputRules.SeatsMax)
        {
            throw new RefusalException(record, "seats", RefusalCodes.OutOfRange, 1, InputRules.SeatsMax);
        }
        var (start, end) = Dates(record, request.WishedStart, request.WishedEnd, today);

        var employer = await db.Employers.AsNoTracking().FirstAsync(e => e.Id == employerId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var course = new Course
        {
            Id = await NewIdAsync(employerId, ct),
            Title = title,
            // The provider is the reviewer's to name: the employer orders, a training centre teaches.
            Provider = "",
            Skills = [.. skills.Select(s => new SkillLevel(s, request.Level))],
            StartDate = start,
            EndDate = end,
            Seats = request.Seats,
            ForPositions = [.. positionIds],
            Status = CourseStatus.InReview,
            RequestedBy = employer.Id,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        db.Courses.Add(course);
        audit.Add(actor, "course-order-requested", Entity, course.Id, AuditDetail.Of(AuditDetails.CourseOrderPositions, string.Join(",", positionIds)));
        await db.SaveChangesAsync(ct);
        return course;
    }

    /// <summary>
    /// Approves what the reviewer read (<paramref name="version"/>, as on the review page): the course
    /// opens in the catalog with the provider, dates and place the reviewer completed.
    /// </summary>
    public async Task<Course> ApproveAsync(string courseId, Guid version, CourseOrderApproval approval, string actor, CancellationToken ct = default)
    {
        var course = await InReviewAsync(courseId, version, ct);
        var record = $"course order {course.Id}";
        var provider = Text(record, "provider", approval.Provider, InputRules.EmployerNameMax);
        var (start, end) = Dates(record, approval.StartDate, approval.EndDate, clock.Today());
        if (approval.HoursPerWeek is { } hours && (double.IsNaN(hours) || hours <= 0 || hours > InputRules.HoursPerWeekMax))
        {
            throw new RefusalException(record, "hoursPerWeek", RefusalCodes.OutOfRange, 1, InputRules.HoursPerWeekMax);
        }
        var address = string.IsNullOrWhiteSpace(approval.Address) ? null : Text(record, "address", approval.Address, InputRules.AddressMax);

        course.Provider = provider;
        course.StartDate = start;
        course.EndDate = end;
        course.HoursPerWeek = approval.HoursPerWeek;
        course.Subsidized = approval.Subsidized;
        course.Remote = approval.Remote;
        if (approval.Remote)
        {
            (course.Lat, course.Lon, course.DivisionCode, course.Address) = (null, null, null, address);
        }
        else
        {
            // 订单培训 is taught at or near the employer's site: the course stands where its first
            // position is, so the distance rule measures the way a trainee would travel.
            var site = await db.Positions.AsNoTracking().Where(p => course.ForPositions.Contains(p.Id) && p.Lat != null && p.Lon != null)
                .OrderBy(p => p.Id).Select(p => new { p.Lat, p.Lon, p.DivisionCode, p.Address }).FirstOrDefaultAsync(ct)
                ?? throw new RefusalException(record, "remote", RefusalCodes.Required);
            (course.Lat, course.Lon, course.DivisionCode, course.Address) = (site.Lat, site.Lon, site.DivisionCode, address ?? site.Address);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        course.Status = CourseStatus.Open;
        course.ReviewNote = null;
        course.ReviewedBy = Trim(actor, 100);
        course.ReviewedUtc = now;
        course.UpdatedUtc = now;
        audit.Add(actor, "course-order-approved", Entity, course.Id, AuditDetail.Of(AuditDetails.CourseProvider, provider));
        await db.SaveChangesAsync(ct);
        return course;
    }

    public async Task<Course> RejectAsync(string courseId, Guid version, string? reason, string actor, CancellationToken ct = default)
    {
        var course = await InReviewAsync(courseId, version, ct);
        var trimmed = Text($"course order {course.Id}", "reason", reason, MaxReason, multiline: true);
        var now = clock.GetUtcNow().UtcDateTime;
        course.Status = CourseStatus.Rejected;
        course.ReviewNote = trimmed;
        course.ReviewedBy = Trim(actor, 100);
        course.ReviewedUtc = now;
        course.UpdatedUtc = now;
        audit.Add(actor, "course-order-rejected", Entity, course.Id, AuditDetail.Of(AuditDetails.Reason, trimmed));
        await db.SaveChangesAsync(ct);
        return course;
    }

    private async Task<Course> InReviewAsync(string courseId, Guid version, CancellationToken ct)
    {
        var record = $"course order {courseId}";
        var course = await db.Courses.FirstOrDefaultAsync(c => c.Id == courseId && c.RequestedBy != null, ct)
            ?? throw new RefusalException(record, "id", RefusalCodes.NoSuchRecord);
        if (course.Status != CourseStatus.InReview)
        {
            throw new RefusalException(record, "status", RefusalCodes.TransitionNotAllowed, course.Status.ToString(), CourseStatus.Open.ToString());
        }
        if (course.Version != version)
        {
            throw new RefusalException(record, "version", RefusalCodes.ChangedMeanwhile);
        }
        return course;
    }

    private static (DateOnly Start, DateOnly End) Dates(string record, DateOnly? start, DateOnly? end, DateOnly today)
    {
        if (start is not { } from)
        {
            throw new RefusalException(record, "startDate", RefusalCodes.Required);
        }
        if (end is not { } to)
        {
            throw new RefusalException(record, "endDate", RefusalCodes.Required);
        }
        // A course that began cannot take anyone (course rule 1): it starts today at the earliest.
        if (from < today)
        {
            throw new RefusalException(record, "startDate", RefusalCodes.DateTooEarly);
        }
        if (to < from)
        {
            throw new RefusalException(record, "endDate", RefusalCodes.EndBeforeStart);
        }
        return (from, to);
    }

    private static string Text(string record, string field, string? value, int max, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new RefusalException(record, field, RefusalCodes.Required);
        }
        var trimmed = value.Trim();
        if (InputRules.TextProblem(trimmed, max, multiline) is { } problem)
        {
            throw problem == TextProblems.TooLong
                ? new RefusalException(record, field, RefusalCodes.TooLong, max)
                : new RefusalException(record, field, RefusalCodes.Invalid);
        }
        return trimmed;
    }

    private static string Trim(string text, int max) => text.Length > max ? text[..max] : text;

    private async Task<string> NewIdAsync(string employerId, CancellationToken ct)
    {
        // Of the employer's district, like its positions; random, so the id says nothing of how many exist.
        for (var i = 0; i < 5; i++)
        {
            var id = DistrictKeys.Beside(employerId, "C-O" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)));
            if (!await db.Courses.AnyAsync(c => c.Id == id, ct))
            {
                return id;
            }
        }
        throw new InvalidOperationException("could not find a free course id");
    }
}
