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
    AppDbContext db, AuditTrail audit, IStringLocalizer<SchedulingResource> text, ILogger<SchedulesModel> logger, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ScheduleInfo> Schedules { get; private set; } = [];
    public ScheduleOptions Options => options.Value;

    [BindProperty] public string? Name { get; set; }
    /// <summary>The undo button's way back: the cron the schedule had before (the form itself asks for a date and a time).</summary>
    [BindProperty] public string? Cron { get; set; }
    /// <summary>The next fair's date (yyyy-MM-dd) and time of day (HH:mm): the rule behind them repeats every quarter (<see cref="FairDay"/>).</summary>
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Time { get; set; }
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
        var cron = Date is null && Time is null ? Cron?.Trim() : CronFromDayAndTime();
        if (definition is { Editable: true } && cron is not null && ScheduleBook.CronError(cron) is not null)
        {
            // Quartz's own message is English and about cron syntax: the reader is told what to do instead.
            ModelState.AddModelError(nameof(Date), text["CronInvalid"]);
        }
        else if (definition is { Editable: true } && cron is null && ModelState.IsValid)
        {
            ModelState.AddModelError(nameof(Date), text["DateRequired"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var scheduler = await factory.GetScheduler(HttpContext.RequestAborted);
        var before = (await scheduler.GetTrigger(definition!.TriggerKey, HttpContext.RequestAborted) as ICronTrigger)?.CronExpressionString;
        var next = await ScheduleBook.RescheduleAsync(scheduler, definition.Name, cron!, Options.Zone, HttpContext.RequestAborted);
        audit.Add(User.Actor(), "schedule.reschedule", "Schedule", definition.Name, AuditDetail.Of(AuditDetails.Rescheduled, before, cron));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        logger.LogInformation("{Actor} changed schedule {Schedule} from {Before} to {After}", User.Actor(), definition.Name, before, cron);
        Message = text["DoneRescheduled", Label(definition.Name), Describe(cron), Local(next)];
        UndoCron = before;
        return RedirectToPage();
    }

    public string Label(string name) => text["Schedule_" + name];

    /// <summary>A running job's progress code in words; nothing for a message no resource names.</summary>
    public string ProgressText(string? code) =>
        code is not null && text["Progress_" + code] is { ResourceNotFound: false } said ? said.Value : "";

    /// <summary>
    /// The last run in the reader's language, from the code and metrics the job recorded
    /// (<see cref="RunSay"/>); null when the run said nothing a person can read (an older run), so the page
    /// shows the operator's line as technical detail only.
    /// </summary>
    public string? RunText(ScheduleInfo s)
    {
        if (s.LastMetricsJson is null)
        {
            return null;
        }
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(s.LastMetricsJson);
            if (!json.RootElement.TryGetProperty(RunSay.Metric, out var say) || say.GetString() is not { } code
                || !RunSay.Arguments.TryGetValue(code, out var names))
            {
                return null;
            }
            var arguments = names.Select(n => json.RootElement.TryGetProperty(n, out var v)
                ? (object)(v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText()) : "").ToArray();
            var sentence = text["Run_" + code, arguments];
            return sentence.ResourceNotFound ? null : sentence.Value;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>A fair's rule in words (每季度首月的第二个星期六 09:00); a cron of another shape as it is.</summary>
    public string Describe(string? cron)
    {
        if (FairDay.FromCron(cron) is not { } day)
        {
            return cron ?? "";
        }
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        return text["FairRule", text["MonthOfQuarter_" + day.MonthOfQuarter], text["Week_" + day.Week],
            culture.DateTimeFormat.GetDayName(day.Weekday), day.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)];
    }

    /// <summary>The date and time the form shows for a schedule: its next run, in the district's time.</summary>
    public (string Date, string Time) NextLocal(ScheduleInfo s)
    {
        if (Name == s.Name && Date is not null)
        {
            return (Date, Time ?? "");
        }
        if (s.NextFireUtc is not { } t)
        {
            return ("", "");
        }
        var local = TimeZoneInfo.ConvertTime(t, Options.Zone);
        return (local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The cron of the rule the chosen date and time say, or null with the reason on the form.</summary>
    private string? CronFromDayAndTime()
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (!DateOnly.TryParseExact(Date?.Trim(), "yyyy-MM-dd", culture, System.Globalization.DateTimeStyles.None, out var date))
        {
            ModelState.AddModelError(nameof(Date), text["DateRequired"]);
            return null;
        }
        if (!TimeOnly.TryParseExact(Time?.Trim(), ["HH:mm", "HH:mm:ss"], culture, System.Globalization.DateTimeStyles.None, out var time))
        {
            ModelState.AddModelError(nameof(Time), text["TimeRequired"]);
            return null;
        }
        var at = date.ToDateTime(time);
        if (new DateTimeOffset(at, Options.Zone.GetUtcOffset(at)) <= clock.GetUtcNow())
        {
            ModelState.AddModelError(nameof(Date), text["DateInPast"]);
            return null;
        }
        return FairDay.Of(date, time).Cron;
    }

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
