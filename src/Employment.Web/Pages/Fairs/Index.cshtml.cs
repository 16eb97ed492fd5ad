using Employment.Core.Data;
using Employment.Core.Placement;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages.Fairs;

/// <summary>The quarterly fairs, newest first, with how many of the counselor's people each plans for.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(long Id, string Quarter, DateOnly HeldOn, JobFairStatus Status, int Assigned, int InArea, int Invited,
        double? PlanValue, double? GreedyValue)
    {
        public double? GainPercent => PlanValue is { } p && GreedyValue is { } g && g > 0 ? Math.Round(100 * (p - g) / g, 1) : null;
    }

    public IReadOnlyList<Row> Fairs { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var fairs = await db.JobFairs.AsNoTracking().OrderByDescending(f => f.HeldOn)
            .Select(f => new { f.Id, f.Quarter, f.HeldOn, f.Status, f.PlanValue, f.GreedyValue, Invited = f.Invitations.Count })
            .ToListAsync(HttpContext.RequestAborted);
        var ids = fairs.Select(f => f.Id).ToList();
        var all = await db.JobFairAssignments.AsNoTracking().Where(a => ids.Contains(a.JobFairId))
            .GroupBy(a => a.JobFairId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, HttpContext.RequestAborted);
        var mine = await User.Scope().Filter(db.JobFairAssignments.AsNoTracking(), a => a.DivisionCode).Where(a => ids.Contains(a.JobFairId))
            .GroupBy(a => a.JobFairId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, HttpContext.RequestAborted);
        Fairs = fairs.Select(f => new Row(f.Id, f.Quarter, f.HeldOn, f.Status, all.GetValueOrDefault(f.Id), mine.GetValueOrDefault(f.Id),
            f.Invited, f.PlanValue, f.GreedyValue)).ToList();
    }
}
