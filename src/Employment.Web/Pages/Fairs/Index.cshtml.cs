using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Placement;
using Employment.Core.Scheduling;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Employment.Web.Pages.Fairs;

/// <summary>
/// The quarterly fairs, newest first, with how many of the counselor's people each plans for, and the
/// next fair by the schedule: a counselor or admin may create it before its lead time to preview its plan.
/// </summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class IndexModel(AppDbContext db, ISchedulerFactory schedulers, IOptions<ScheduleOptions> options, TimeProvider clock,
    JobFairPlanning planning) : PageModel
{
    public sealed record Row(long Id, string Quarter, DateOnly HeldOn, JobFairStatus Status, int Assigned, int InArea, int Invited,
        int NoSuitableInArea, double? AverageScore, double? PlanValue, double? GreedyValue)
    {
        public double? GainPercent => FairWords.GainPercent(PlanValue, GreedyValue);
    }

    public IReadOnlyList<Row> Fairs { get; private set; } = [];
    /// <summary>The next fair's day by the schedule, and the fair of its quarter when one exists.</summary>
    public DateOnly? NextFairDay { get; private set; }
    public Row? NextFair { get; private set; }
    public int DaysAhead { get; private set; }
    public int LeadDays => options.Value.FairLeadDays;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var fairs = await db.JobFairs.AsNoTracking().OrderByDescending(f => f.HeldOn)
            .Select(f => new { f.Id, f.Quarter, f.HeldOn, f.Status, f.PlanValue, f.GreedyValue, Invited = f.Invitations.Count })
            .ToListAsync(ct);
        var ids = fairs.Select(f => f.Id).ToList();
        var all = await db.JobFairAssignments.AsNoTracking().Where(a => ids.Contains(a.JobFairId))
            .GroupBy(a => a.JobFairId).Select(g => new { g.Key, Count = g.Count(), Average = g.Average(a => a.Score) })
            .ToDictionaryAsync(g => g.Key, ct);
        var scope = User.Scope();
        var mine = await scope.Filter(db.JobFairAssignments.AsNoTracking(), a => a.DivisionCode).Where(a => ids.Contains(a.JobFairId))
            .GroupBy(a => a.JobFairId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var unsuited = await scope.Filter(db.JobFairUnplaced.AsNoTracking(), u => u.DivisionCode)
            .Where(u => ids.Contains(u.JobFairId) && u.Reason == UnplacedReason.NoSuitablePosition)
            .GroupBy(u => u.JobFairId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Fairs = fairs.Select(f => new Row(f.Id, f.Quarter, f.HeldOn, f.Status, all.GetValueOrDefault(f.Id)?.Count ?? 0, mine.GetValueOrDefault(f.Id),
            f.Invited, unsuited.GetValueOrDefault(f.Id), all.GetValueOrDefault(f.Id)?.Average, f.PlanValue, f.GreedyValue)).ToList();

        var scheduler = await schedulers.GetScheduler(ct);
        NextFairDay = await ScheduleBook.NextFairDayAsync(scheduler, options.Value, clock.GetUtcNow(), ct);
        if (NextFairDay is { } day)
        {
            DaysAhead = day.DayNumber - clock.Today().DayNumber;
            NextFair = Fairs.FirstOrDefault(f => f.Quarter == JobFairPlanning.QuarterOf(day));
        }
    }

    /// <summary>Creates the next fair now (or refreshes its preview) with the plan as it would be today.</summary>
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        var ct = HttpContext.RequestAborted;
        var scheduler = await schedulers.GetScheduler(ct);
        if (await ScheduleBook.NextFairDayAsync(scheduler, options.Value, clock.GetUtcNow(), ct) is not { } day)
        {
            return RedirectToPage();
        }
        var done = await planning.PreviewAsync(day, User.Actor(), ct);
        return Redirect($"/Fairs/{done.Fair.Id}");
    }
}
