using System.Globalization;
using Employment.Core.Data;
using Employment.Core.Employers;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Employment.Web.Pages.Employer;

/// <summary>
/// The people referred to the employer's positions, as <see cref="CandidateView"/> has them (what
/// hiring needs, nothing more), and the interview outcomes the employer records.
/// </summary>
[Authorize(Roles = Roles.Employer)]
public sealed class CandidatesModel(AppDbContext db, ReferredCandidates candidates, IStringLocalizer<EmployerResource> text,
    IOptions<EmployerPortalOptions> options, TimeProvider clock) : EmployerPageModel
{
    public sealed class OutcomeInput
    {
        public long ReferralId { get; set; }
        public string? InterviewAt { get; set; }
        public string? StartedOn { get; set; }
        public string? MonthlyWage { get; set; }
        public string? Reason { get; set; }
        /// <summary>The employer confirmed a start dated before the interview.</summary>
        public bool ConfirmBeforeInterview { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string? Position { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    [BindProperty] public OutcomeInput Outcome { get; set; } = new();

    public IReadOnlyList<CandidateView> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount { get; private set; }
    public IReadOnlyList<(string Id, string Title)> Positions { get; private set; } = [];
    public bool English => EmployerPortal.English;
    /// <summary>The referral a refused outcome was for: its form shows the errors.</summary>
    public long? FailedReferral { get; private set; }
    /// <summary>The hire was held back only for its start before the interview: the form offers to confirm it.</summary>
    public bool WarnBeforeInterview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostInterviewAsync(CancellationToken ct) => RecordAsync(async () =>
    {
        if (!DateTime.TryParseExact(Outcome.InterviewAt?.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local))
        {
            throw new FieldErrorsException([new FieldError(nameof(OutcomeInput.InterviewAt),
                string.IsNullOrWhiteSpace(Outcome.InterviewAt) ? ErrorCodes.Required : ErrorCodes.Format)]);
        }
        await candidates.ScheduleInterviewAsync(EmployerId, Outcome.ReferralId, EmployerPortal.ToUtc(local), User.Actor(), ct);
        return "Outcome_Interview";
    }, ct);

    public Task<IActionResult> OnPostHireAsync(CancellationToken ct) => RecordAsync(async () =>
    {
        var errors = new List<FieldError>();
        if (!DateOnly.TryParseExact(Outcome.StartedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var started))
        {
            errors.Add(new FieldError(nameof(OutcomeInput.StartedOn), string.IsNullOrWhiteSpace(Outcome.StartedOn) ? ErrorCodes.Required : ErrorCodes.Format));
        }
        decimal? wage = null;
        if (!string.IsNullOrWhiteSpace(Outcome.MonthlyWage))
        {
            if (decimal.TryParse(Outcome.MonthlyWage.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var w))
            {
                wage = w;
            }
            else
            {
                errors.Add(new FieldError(nameof(OutcomeInput.MonthlyWage), ErrorCodes.Format));
            }
        }
        if (errors.Count > 0)
        {
            throw new FieldErrorsException(errors);
        }
        await candidates.HireAsync(EmployerId, Outcome.ReferralId, started, wage, User.Actor(), ct, Outcome.ConfirmBeforeInterview);
        return "Outcome_Hired";
    }, ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) => RecordAsync(async () =>
    {
        await candidates.RejectAsync(EmployerId, Outcome.ReferralId, Outcome.Reason, User.Actor(), ct);
        return "Outcome_Rejected";
    }, ct);

    private async Task<IActionResult> RecordAsync(Func<Task<string>> action, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            TempData["Message"] = await action();
            return RedirectToPage(new { position = Position });
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (FieldErrorsException ex)
        {
            WarnBeforeInterview = ex.Errors.Any(e => e.Code == ErrorCodes.BeforeInterview);
            ex.Errors.AddTo(ModelState, text, prefix: nameof(Outcome));
            FailedReferral = Outcome.ReferralId;
            await LoadAsync(ct);
            return Page();
        }
    }

    /// <summary>False when the position asked for is not one of the employer's: it answers like one that does not exist.</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var size = options.Value.PageSize;
        Positions = (await db.Positions.AsNoTracking().Where(p => p.EmployerId == EmployerId)
            .OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync(ct)).Select(p => (p.Id, p.Title)).ToList();
        if (Position is not null && Positions.All(p => p.Id != Position))
        {
            return false;
        }
        var (items, total) = await candidates.ForEmployerAsync(EmployerId, Position, PageNumber, size, User.Actor(), ct);
        Total = total;
        PageCount = Math.Max(1, (total + size - 1) / size);
        Items = items;
        return true;
    }

    public string Today => EmployerPortal.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public Dictionary<string, string> Link(int page)
    {
        var route = new Dictionary<string, string> { ["page"] = page.ToString(CultureInfo.InvariantCulture) };
        if (Position is not null)
        {
            route["position"] = Position;
        }
        return route;
    }
}
