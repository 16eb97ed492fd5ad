using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Training;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages.Training;

/// <summary>The course catalog: no personal data, only the courses and their seats.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    /// <summary>Words of a course's title or its provider's name.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Course> Courses { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var query = db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Open);
        if (!All)
        {
            query = query.Where(c => c.StartDate >= today);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(c => c.Title.Contains(q) || c.Provider.Contains(q) || c.Id == q);
        }
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Courses = await query.OrderBy(c => c.StartDate).ThenBy(c => c.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }
}
