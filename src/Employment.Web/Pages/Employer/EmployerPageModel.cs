using Employment.Core.Data;
using Employment.Core.Positions;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages.Employer;

/// <summary>
/// Every employer page but registration and the waiting page: signed in as an employer account,
/// and the employer approved, checked on each request so an approval or a suspension counts at once.
/// Everything the page reads is scoped to <see cref="EmployerId"/>, which comes from the account, never the URL.
/// </summary>
[Authorize(Roles = Roles.Employer)]
public abstract class EmployerPageModel : PageModel
{
    protected string EmployerId => User.EmployerId() ?? throw new InvalidOperationException("an employer account without an employer claim");

    public Core.Positions.Employer Employer { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var db = HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var id = User.EmployerId();
        var employer = id is null ? null : await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, HttpContext.RequestAborted);
        if (employer is null || employer.Status != EmployerStatus.Approved)
        {
            context.Result = RedirectToPage("/Employer/Pending");
            return;
        }
        Employer = employer;
        await next();
    }
}
