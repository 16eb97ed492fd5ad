using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Search;
using Employment.Core.Training;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages.Training;

/// <summary>
/// The course catalog: no personal data, only the courses and their seats. Found through the course
/// index (title, provider, the skills taught; ranked), open for enrolment by the one rule
/// (<see cref="CourseRules.Open"/>) unless every offered course is asked for.
/// </summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class IndexModel(AppDbContext db, CourseTextSearch search, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    /// <summary>Words of a course's title, its provider's name or a skill it teaches.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Course> Courses { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        Func<CourseProfile, bool> keep = All ? c => c.IsOpen : c => CourseRules.Open(c, today);
        var q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        var hits = await search.SearchAsync(q, keep, ct);
        // An id typed whole finds its course too, whatever its words.
        if (q is not null && hits.All(h => h.Course.Id != q)
            && (await ProfileLoader.CoursesAsync(db, [q], ct)).SingleOrDefault() is { } exact && keep(exact))
        {
            hits = [new CourseHit(exact, 1), .. hits];
        }
        Total = hits.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        var page = hits.Skip((PageNumber - 1) * PageSize).Take(PageSize).Select(h => h.Course.Id).ToList();
        var rows = await db.Courses.AsNoTracking().Where(c => page.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        Courses = page.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }
}
