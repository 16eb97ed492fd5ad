using System.Globalization;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Matching;
using Employment.Core.Search;
using Employment.Core.Training;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages.Training;

/// <summary>One course on a person's page: what it opens up for them (titles of the first few), and why it ranks where it does.</summary>
public sealed record CourseSuggestion(CourseProfile Course, int UnlockCount, IReadOnlyList<(string Id, string Title)> FirstPositions, IReadOnlyList<string> Reasons);

/// <summary>A course the person is or was on.</summary>
public sealed record EnrollmentRow(CourseEnrollment Enrollment, string Title, string Provider);

public sealed record PersonCoursesView(string PersonId, IReadOnlyList<EnrollmentRow> Enrollments, IReadOnlyList<CourseSuggestion> Suggestions, string? Done, string? Refusal);

/// <summary>
/// The person page's training section. The person page has already found the person in the
/// counselor's area and audited the view; this only adds the courses and their forms, which post
/// to the course page.
/// </summary>
public sealed class PersonCoursesViewComponent(AppDbContext db, TimeProvider clock) : ViewComponent
{
    public const int Shown = 10;
    private const int TitlesShown = 5;

    public async Task<IViewComponentResult> InvokeAsync(string personId)
    {
        var ct = HttpContext.RequestAborted;
        var enrollments = await db.CourseEnrollments.AsNoTracking().Where(e => e.PersonId == personId)
            .Join(db.Courses, e => e.CourseId, c => c.Id, (e, c) => new { e, c.Title, c.Provider })
            .OrderByDescending(x => x.e.Id).ToListAsync(ct);
        var profile = (await ProfileLoader.SeekersAsync(db, [personId], ct)).SingleOrDefault();
        var suggestions = new List<CourseSuggestion>();
        if (profile is not null)
        {
            var advisor = await TrainingCatalog.AdvisorAsync(db, ct);
            var lines = await ProfileLoader.LinesAsync(db, ct);
            var culture = CultureInfo.CurrentUICulture;
            foreach (var advice in advisor.CoursesFor(profile, clock.Today(), lines, Shown))
            {
                suggestions.Add(new CourseSuggestion(advice.Course, advice.Unlocks.Count,
                    advice.Unlocks.Take(TitlesShown).Select(u => (u.Id, u.Position.Title)).ToList(),
                    advice.Reasons.Select(r => ReasonText.Format(r, culture)).ToList()));
            }
        }
        return View(new PersonCoursesView(personId,
            enrollments.Select(x => new EnrollmentRow(x.e, x.Title, x.Provider)).ToList(), suggestions,
            TempData["TrainingDone"] as string, TempData["TrainingRefusal"] as string));
    }
}
