using Employment.Core.Data;
using Employment.Core.Employers;
using Employment.Core.Positions;
using Employment.Core.Review;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Employment.Web.Pages.Counselor.Review;

/// <summary>Self-registered employers waiting for approval: who they say they are, and who will act for them.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class EmployersModel(AppDbContext db, PostingReview review, IStringLocalizer<EmployerResource> text,
    IOptions<EmployerPortalOptions> options) : PageModel
{
    public sealed record Row(Core.Positions.Employer Employer, IReadOnlyList<string> Logins);

    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? EmployerId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount { get; private set; }
    public string? FailedEmployer { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) =>
        DecideAsync(() => review.ApproveEmployerAsync(EmployerId ?? "", User.Actor(), ct), "Review_EmployerApproved", ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) =>
        DecideAsync(() => review.RejectEmployerAsync(EmployerId ?? "", Reason, User.Actor(), ct), "Review_EmployerRejected", ct);

    private async Task<IActionResult> DecideAsync(Func<Task> decide, string message, CancellationToken ct)
    {
        try
        {
            await decide();
            TempData["Message"] = message;
            return RedirectToPage();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (FieldErrorsException ex)
        {
            ModelState.Clear();
            ex.Errors.AddTo(ModelState, text, prefix: "");
            FailedEmployer = EmployerId;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var size = options.Value.PageSize;
        var query = db.Employers.AsNoTracking().Where(e => e.Status == EmployerStatus.Pending);
        Total = await query.CountAsync(ct);
        PageCount = Math.Max(1, (Total + size - 1) / size);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var employers = await query.OrderBy(e => e.CreatedUtc).ThenBy(e => e.Id).Skip((PageNumber - 1) * size).Take(size).ToListAsync(ct);
        var ids = employers.Select(e => e.Id).ToList();
        var logins = await db.Users.AsNoTracking().Where(u => u.EmployerId != null && ids.Contains(u.EmployerId))
            .Select(u => new { u.EmployerId, u.UserName }).ToListAsync(ct);
        Rows = employers.Select(e => new Row(e, logins.Where(l => l.EmployerId == e.Id).Select(l => l.UserName ?? "").ToList())).ToList();
    }
}
