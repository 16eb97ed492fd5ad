using Employment.Core.Data;
using Employment.Core.Placement;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Employment.Web.Pages.FollowUps;

/// <summary>The follow-ups (回头看) due in the counselor's area, overdue and escalated ones first.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class IndexModel(FollowUpQueue queue) : PageModel
{
    /// <summary>How far ahead the coming follow-ups are listed: this week, then the rest of the month.</summary>
    public const int WeekDays = 7;
    public const int MonthDays = 31;

    public IReadOnlyList<FollowUpItem> Items { get; private set; } = [];
    public IReadOnlyList<FollowUpItem> Coming { get; private set; } = [];
    [Microsoft.AspNetCore.Mvc.TempData] public string? Message { get; set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        Today = queue.Today;
        Items = await queue.DueAsync(User.Scope(), Today, HttpContext.RequestAborted);
        Coming = await queue.ComingAsync(User.Scope(), MonthDays, Today, HttpContext.RequestAborted);
    }
}
