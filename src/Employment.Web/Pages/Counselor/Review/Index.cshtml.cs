using Employment.Core.Data;
using Employment.Core.Positions;
using Employment.Core.Review;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Web.Pages.Counselor.Review;

/// <summary>Postings waiting for review, the longest-waiting first, with how many wording flags each has.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class IndexModel(AppDbContext db, WordingCheck wording, IOptions<EmployerPortalOptions> options) : PageModel
{
    public sealed record Row(string Id, string Title, string Employer, bool PublicSector, bool PublicWelfare, decimal MonthlyWage,
        DateTime UpdatedUtc, int Flags, bool Resubmitted);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount { get; private set; }
    public int PendingEmployers { get; private set; }
    /// <summary>Employers' orders for a course (订单培训), in the same queue: the longest-waiting first.</summary>
    public IReadOnlyList<CourseOrderRow> CourseOrders { get; private set; } = [];

    public sealed record CourseOrderRow(string Id, string Title, string Employer, int Seats, int Positions, DateTime CreatedUtc);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var size = options.Value.PageSize;
        PendingEmployers = await db.Employers.CountAsync(e => e.Status == EmployerStatus.Pending, ct);
        CourseOrders = (await db.Courses.AsNoTracking()
            .Where(c => c.Status == Core.Training.CourseStatus.InReview && c.RequestedBy != null)
            .OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id).Take(100)
            .Select(c => new { c.Id, c.Title, c.Seats, c.ForPositions, c.CreatedUtc, Employer = db.Employers.Where(e => e.Id == c.RequestedBy).Select(e => e.Name).FirstOrDefault() })
            .ToListAsync(ct))
            .Select(c => new CourseOrderRow(c.Id, c.Title, c.Employer ?? "", c.Seats, c.ForPositions.Count, c.CreatedUtc)).ToList();
        var query = db.Positions.AsNoTracking().Where(p => p.Status == PositionStatus.InReview);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(p => p.Title.Contains(q) || p.Employer!.Name.Contains(q) || p.Id == q);
        }
        Total = await query.CountAsync(ct);
        PageCount = Math.Max(1, (Total + size - 1) / size);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        query = Sort == "newest" ? query.OrderByDescending(p => p.UpdatedUtc).ThenBy(p => p.Id) : query.OrderBy(p => p.UpdatedUtc).ThenBy(p => p.Id);
        var page = await query.Skip((PageNumber - 1) * size).Take(size)
            .Select(p => new
            {
                p.Id, p.Title, p.Description, Employer = p.Employer!.Name, p.Employer.PublicSector, p.PublicWelfare, p.MonthlyWage, p.UpdatedUtc,
                p.MinAge, p.MaxAge, p.Demands, Resubmitted = p.PublishedUtc != null,
            })
            .ToListAsync(ct);
        Rows = page.Select(p => new Row(p.Id, p.Title, p.Employer, p.PublicSector, p.PublicWelfare, p.MonthlyWage, p.UpdatedUtc,
            wording.Check(new WordingInput(p.Title, p.Description, p.MinAge, p.MaxAge, p.Demands)).Count, p.Resubmitted)).ToList();
    }

    public Dictionary<string, string> Link(int page)
    {
        var route = new Dictionary<string, string> { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            route["q"] = Q;
        }
        if (!string.IsNullOrWhiteSpace(Sort))
        {
            route["sort"] = Sort;
        }
        return route;
    }
}
