using Employment.Core.Domain;
using Employment.Core.Data;
using Employment.Core.Training;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Training;

/// <summary>A course: what it teaches and for whom, the people of the counselor's area on it, and their enrolment, completion or drop-out.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class CourseModel(AppDbContext db, TrainingDesk desk, IStringLocalizer<TrainingResource> text,
    IStringLocalizer<RefusalResource> refusals) : PageModel
{
    public sealed record Row(CourseEnrollment Enrollment, string Name);

    public Course Course { get; private set; } = null!;
    public IReadOnlyList<Row> Enrolled { get; private set; } = [];
    public IReadOnlyDictionary<string, string> PositionTitles { get; private set; } = new Dictionary<string, string>();
    [TempData] public string? TrainingDone { get; set; }
    [TempData] public string? TrainingRefusal { get; set; }

    [BindProperty] public string? PersonId { get; set; }
    [BindProperty] public long EnrollmentId { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? ReturnTo { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (course is null)
        {
            return NotFound();
        }
        Course = course;
        PositionTitles = await db.Positions.AsNoTracking().Where(p => course.ForPositions.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        var visible = db.VisiblePersons(User);
        var rows = await db.CourseEnrollments.AsNoTracking().Where(e => e.CourseId == id && visible.Any(p => p.Id == e.PersonId))
            .Join(db.Persons, e => e.PersonId, p => p.Id, (e, p) => new { e, p.Name })
            .OrderBy(x => x.e.Status).ThenBy(x => x.e.Id).ToListAsync(ct);
        Enrolled = rows.Select(x => new Row(x.e, x.Name)).ToList();
        if (Enrolled.Count > 0)
        {
            // Names of people are shown: the list view is a view of each of their records.
            HttpContext.Shown(AuditTrail.Person, "course-" + id, AuditDetail.Of(AuditDetails.CourseList, string.Join(",", Enrolled.Select(r => r.Enrollment.PersonId))));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostEnrolAsync(string id, CancellationToken ct)
    {
        var person = PersonId is null ? null : await db.VisiblePersonAsync(User, PersonId, ct);
        if (person is null)
        {
            return NotFound();
        }
        await RunAsync(() => desk.EnrolAsync(person.Id, id, User.Actor(), ct), text["Done_Enrolled"]);
        return RedirectToPage("/Counselor/Person", null, new { id = person.Id }, "courses");
    }

    public async Task<IActionResult> OnPostCompleteAsync(string id, CancellationToken ct)
    {
        var personId = await OwnEnrollmentAsync(id, ct);
        if (personId is null)
        {
            return NotFound();
        }
        await RunAsync(async () =>
        {
            var result = await desk.CompleteAsync(EnrollmentId, User.Actor(), ct);
            if (result.ReferredTo.Count > 0)
            {
                TrainingDone = text["Done_Completed"] + " " + text["Done_Referred", string.Join(", ", result.ReferredTo)];
            }
        }, text["Done_Completed"]);
        return Back(id, personId);
    }

    public async Task<IActionResult> OnPostDropOutAsync(string id, CancellationToken ct)
    {
        var personId = await OwnEnrollmentAsync(id, ct);
        if (personId is null)
        {
            return NotFound();
        }
        await RunAsync(() => desk.DropOutAsync(EnrollmentId, Note, User.Actor(), ct), text["Done_DroppedOut"]);
        return Back(id, personId);
    }

    /// <summary>Runs a desk step; its refusal becomes a sentence in the reader's language naming the rule.</summary>
    private async Task RunAsync(Func<Task> step, string done)
    {
        try
        {
            TrainingDone = done;
            await step();
        }
        catch (RefusalException refusal)
        {
            TrainingDone = null;
            TrainingRefusal = refusals.Describe(refusal);
        }
        catch (DbUpdateConcurrencyException)
        {
            TrainingDone = null;
            TrainingRefusal = refusals.Describe(RefusalCodes.ChangedMeanwhile);
        }
    }

    /// <summary>The person of an enrolment on this course, when they are in the user's area.</summary>
    private async Task<string?> OwnEnrollmentAsync(string courseId, CancellationToken ct)
    {
        var visible = db.VisiblePersons(User);
        return await db.CourseEnrollments.Where(e => e.Id == EnrollmentId && e.CourseId == courseId && visible.Any(p => p.Id == e.PersonId))
            .Select(e => e.PersonId).FirstOrDefaultAsync(ct);
    }

    // Only the two pages the forms live on: never a URL from the request.
    private IActionResult Back(string courseId, string personId) => ReturnTo == "person"
        ? RedirectToPage("/Counselor/Person", null, new { id = personId }, "courses")
        : RedirectToPage("/Training/Course", null, new { id = courseId }, "enrolled");
}
