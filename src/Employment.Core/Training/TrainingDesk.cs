using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Training;

/// <summary>What completing a course did: the skills now held, and the referrals an order-based course made.</summary>
public sealed record CompletionResult(IReadOnlyList<Matching.SkillLevel> Skills, IReadOnlyList<string> ReferredTo, IReadOnlyList<string> NotReferredTo);

/// <summary>
/// A person's place on a course: enrol (a seat taken, only when the contract's course rules allow
/// it), complete (the course's skills added at its levels, so the person's matches change at once
/// through the talent pool's outbox; an order-based course refers the person to its positions) or
/// drop out (the seat freed). Each step is a measure (帮扶措施) on the household's four-clear ledger
/// and in the audit log. Callers check first that the person is in the counselor's area.
/// </summary>
public sealed class TrainingDesk(AppDbContext db, AuditTrail audit, TimeProvider clock, ReferralDesk referrals)
{
    public async Task<CourseEnrollment> EnrolAsync(string personId, string courseId, string actor, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await EnrolOnceAsync(personId, courseId, actor, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Two counselors took the last seats at once: the course's version lost; count again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<CourseEnrollment> EnrolOnceAsync(string personId, string courseId, string actor, CancellationToken ct)
    {
        var record = $"enrolment of {personId} in {courseId}";
        var course = await db.Courses.FirstOrDefaultAsync(c => c.Id == courseId, ct)
            ?? throw new RefusalException(record, "courseId", RefusalCodes.NoSuchRecord);
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new RefusalException(record, "personId", RefusalCodes.NoSuchRecord);
        if (await db.CourseEnrollments.AnyAsync(e => e.CourseId == courseId && e.PersonId == personId && e.Status == EnrollmentStatus.Enrolled, ct))
        {
            throw new RefusalException(record, "courseId", RefusalCodes.AlreadyEnrolled);
        }
        var today = clock.Today();
        var profile = (await ProfileLoader.SeekersAsync(db, [personId], ct)).Single();
        var courseProfile = course.ToProfile();
        if (CourseRules.Check(profile, courseProfile, today) is { } rule)
        {
            throw rule == CourseRule.NotOpen
                ? !courseProfile.IsOpen ? new RefusalException(record, "courseId", RefusalCodes.CourseNotOffered)
                : course.StartDate < today ? new RefusalException(record, "courseId", RefusalCodes.CourseStarted, course.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                : new RefusalException(record, "courseId", RefusalCodes.CourseFull, course.Seats)
                : new RefusalException(record, "courseId", CodeOf(rule));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        course.Enrolled++;
        var enrollment = new CourseEnrollment { CourseId = course.Id, PersonId = person.Id, EnrolledUtc = now, ByUser = actor };
        db.CourseEnrollments.Add(enrollment);
        // Interest pressed at a kiosk for this course is answered: the lead closes.
        foreach (var lead in await db.CourseLeads.Where(l => l.PersonId == person.Id && l.CourseId == course.Id
            && (l.Status == Placement.LeadStatus.New || l.Status == Placement.LeadStatus.Contacted)).ToListAsync(ct))
        {
            lead.Status = Placement.LeadStatus.Closed;
            lead.HandledUtc = now;
            lead.HandledBy = actor;
        }
        Ledger(person, today, $"参加技能培训：{course.Title}（{course.Provider}，{Day(course.StartDate)} 至 {Day(course.EndDate)}）", actor, now);
        audit.Add(actor, "enrol", AuditTrail.Person, person.Id, AuditDetail.Of(AuditDetails.Course, course.Id));
        await db.SaveChangesAsync(ct);
        return enrollment;
    }

    public async Task<CompletionResult> CompleteAsync(long enrollmentId, string actor, CancellationToken ct = default)
    {
        var (enrollment, course, person) = await OpenEnrollmentAsync(enrollmentId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.DayOf(now);
        enrollment.Status = EnrollmentStatus.Completed;
        enrollment.ClosedUtc = now;
        enrollment.CompletedOn = today;
        // A new list, so the change tracker sees the skills change and the talent pool's outbox gets the person.
        person.Skills = CourseRules.SkillsAfter(person.Skills, course.Skills);
        person.UpdatedUtc = now;
        Ledger(person, today, $"完成技能培训：{course.Title}（{course.Provider}），取得技能 {string.Join("、", course.Skills.Select(s => Taxonomy.Taxonomy.Embedded.Find(s.Code)?.Name(false) ?? s.Code))}", actor, now);
        audit.Add(actor, "training completed", AuditTrail.Person, person.Id, AuditDetail.Of(AuditDetails.Course, course.Id));
        await db.SaveChangesAsync(ct);

        // 订单培训: the employer promised these places to completers; refer at once, consent being
        // part of enrolling in an order-based course. A position no longer open is skipped, not an error.
        var referred = new List<string>();
        var skipped = new List<string>();
        foreach (var positionId in course.ForPositions)
        {
            try
            {
                await referrals.ReferAsync(new ReferralInput(person.Id, positionId, Consent: true, Note: $"订单培训 {course.Id} 结业推荐"), actor, ct);
                referred.Add(positionId);
            }
            catch (RefusalException)
            {
                db.ChangeTracker.Clear();
                skipped.Add(positionId);
            }
        }
        return new CompletionResult(person.Skills, referred, skipped);
    }

    public async Task DropOutAsync(long enrollmentId, string? note, string actor, CancellationToken ct = default)
    {
        if (note is { Length: > 500 })
        {
            throw new RefusalException($"enrolment {enrollmentId}", "note", RefusalCodes.TooLong, 500);
        }
        var (enrollment, course, person) = await OpenEnrollmentAsync(enrollmentId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        enrollment.Status = EnrollmentStatus.DroppedOut;
        enrollment.ClosedUtc = now;
        enrollment.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        course.Enrolled = Math.Max(0, course.Enrolled - 1);
        Ledger(person, clock.DayOf(now), $"退出技能培训：{course.Title}" + (enrollment.Note is null ? "" : $"（{enrollment.Note}）"), actor, now);
        audit.Add(actor, "training dropped out", AuditTrail.Person, person.Id, AuditDetail.Of(AuditDetails.Course, course.Id));
        await db.SaveChangesAsync(ct);
    }

    private async Task<(CourseEnrollment Enrollment, Course Course, Person Person)> OpenEnrollmentAsync(long enrollmentId, CancellationToken ct)
    {
        var record = $"enrolment {enrollmentId}";
        var enrollment = await db.CourseEnrollments.FirstOrDefaultAsync(e => e.Id == enrollmentId, ct)
            ?? throw new RefusalException(record, "id", RefusalCodes.NoSuchRecord);
        if (enrollment.Status != EnrollmentStatus.Enrolled)
        {
            throw new RefusalException(record, "id", RefusalCodes.EnrollmentClosed);
        }
        var course = await db.Courses.SingleAsync(c => c.Id == enrollment.CourseId, ct);
        var person = await db.Persons.SingleAsync(p => p.Id == enrollment.PersonId, ct);
        return (enrollment, course, person);
    }

    private void Ledger(Person person, DateOnly day, string text, string actor, DateTime now) =>
        db.LedgerEntries.Add(new LedgerEntry
        {
            HouseholdId = person.HouseholdId,
            PersonId = person.Id,
            Section = LedgerSection.AssistanceMeasures,
            Text = text,
            RecordedOn = day,
            Author = actor,
            CreatedUtc = now,
        });

    /// <summary>The refusal code naming the course rule (2 to 7) a person fails.</summary>
    public static string CodeOf(CourseRule rule) => rule switch
    {
        CourseRule.PersonUnavailable => RefusalCodes.CourseRule2,
        CourseRule.NeedNotOffered => RefusalCodes.CourseRule3,
        CourseRule.TooFar => RefusalCodes.CourseRule4,
        CourseRule.AgeOrEducation => RefusalCodes.CourseRule5,
        CourseRule.Hours => RefusalCodes.CourseRule6,
        CourseRule.NothingNew => RefusalCodes.CourseRule7,
        _ => RefusalCodes.NotAllowed,
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
