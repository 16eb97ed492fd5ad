using Employment.Core.Data;
using Employment.Core.Scheduling;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Extensibility;

namespace Employment.Web.Pages.Admin;

/// <summary>The schedules: next and last run, last result; pause, resume, run now, change the fair's cron.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class SchedulesModel(ISchedulerFactory factory, IExecutionHistoryStore history, IOptions<ScheduleOptions> options,
    AppDbContext db, AuditTrail audit, IStringLocalizer<SchedulingResource> text, ILogger<SchedulesModel> logger) : PageModel
{
    public IReadOnlyList<ScheduleInfo> Schedules { get; private set; } = [];
    public ScheduleOptions Options => options.Value;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Cron { get; set; }
    [TempData] public string? Message { get; set; }
    [TempData] public string? UndoCron { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostPauseAsync() => ChangeAsync("pause", ScheduleBook.PauseAsync, "DonePaused");

    public Task<IActionResult> OnPostResumeAsync() => ChangeAsync("resume", ScheduleBook.ResumeAsync, "DoneResumed");

    public Task<IActionResult> OnPostRunAsync() => ChangeAsync("run", ScheduleBook.RunNowAsync, "DoneQueued");

    public async Task<IActionResult> OnPostRescheduleAsync()
    {
        var definition = Name is null ? null : ScheduleBook.Find(Name);
        if (definition is null)
        {
            ModelState.AddModelError(nameof(Name), text["NoSuchSchedule", Name ?? ""]);
        }
        else if (!definition.Editable)
        {
            ModelState.AddModelError(nameof(Name), text["NotEditable", Label(definition.Name)]);
        }
        else if (ScheduleBook.CronError(Cron) is { } error)
        {
            ModelState.AddModelError(nameof(Cron), text["CronInvalid", error]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var scheduler = await factory.GetScheduler(HttpContext.RequestAborted);
        var before = (await scheduler.GetTrigger(definition!.TriggerKey, HttpContext.RequestAborted) as ICronTrigger)?.CronExpressionString;
        var next = await ScheduleBook.RescheduleAsync(scheduler, definition.Name, Cron!.Trim(), Options.Zone, HttpContext.RequestAborted);
        audit.Add(User.Actor(), "schedule.reschedule", "Schedule", definition.Name, $"{before} -> {Cron.Trim()}");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        logger.LogInformation("{Actor} changed schedule {Schedule} from {Before} to {After}", User.Actor(), definition.Name, before, Cron.Trim());
        Message = text["DoneRescheduled", Label(definition.Name), Cron.Trim(), Local(next)];
        UndoCron = before;
        return RedirectToPage();
    }

    public string Label(string name) => text["Schedule_" + name];

    public string Local(DateTimeOffset? instant) =>
        instant is { } t ? TimeZoneInfo.ConvertTime(t, Options.Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : text["Never"];

    private async Task<IActionResult> ChangeAsync(string action, Func<IScheduler, string, CancellationToken, Task<bool>> change, string done)
    {
        var definition = Name is null ? null : ScheduleBook.Find(Name);
        if (definition is null)
        {
            ModelState.AddModelError(nameof(Name), text["NoSuchSchedule", Name ?? ""]);
            await LoadAsync();
            return Page();
        }
        var scheduler = await factory.GetScheduler(HttpContext.RequestAborted);
        if (!await change(scheduler, definition.Name, HttpContext.RequestAborted))
        {
            ModelState.AddModelError(nameof(Name), text["NoSuchSchedule", definition.Name]);
            await LoadAsync();
            return Page();
        }
        audit.Add(User.Actor(), "schedule." + action, "Schedule", definition.Name);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Message = text[done, Label(definition.Name)];
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var scheduler = await factory.GetScheduler(HttpContext.RequestAborted);
        Schedules = await ScheduleBook.ListAsync(scheduler, history, HttpContext.RequestAborted);
    }
}
