using Employment.Core.Data;
using Employment.Core.Positions;
using Employment.Core.Review;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages.Employer;

/// <summary>All an employer account sees until its employer is approved: where the registration stands.</summary>
[Authorize(Roles = Roles.Employer)]
public sealed class PendingModel(AppDbContext db, PostingReview review) : PageModel
{
    public string? Name { get; private set; }
    public EmployerStatus Status { get; private set; }
    public string? Reason { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var id = User.EmployerId();
        var employer = id is null ? null : await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (employer is null)
        {
            return NotFound();
        }
        if (employer.Status == EmployerStatus.Approved)
        {
            return RedirectToPage("/Employer/Index");
        }
        Name = employer.Name;
        Status = employer.Status;
        if (employer.Status == EmployerStatus.Rejected)
        {
            Reason = await review.EmployerRejectionAsync(employer.Id, ct);
        }
        return Page();
    }
}
