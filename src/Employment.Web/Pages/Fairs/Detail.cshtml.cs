using System.ComponentModel.DataAnnotations;
using Employment.Core.Data;
using Employment.Core.Placement;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Fairs;

/// <summary>
/// One fair: its invited employers, its plan as per-street invitation lists (printable), and after
/// the fair the outcomes, where a hire becomes a placement through the placement workflow.
/// A counselor sees and records only the people of their own area.
/// </summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class DetailModel(AppDbContext db, FairOutcomes outcomes, IStringLocalizer<SchedulingResource> text,
    IStringLocalizer<RefusalResource> refusals, JobFairPlanning planning,
    ILogger<DetailModel> logger) : PageModel
{
    public const int PageSize = 50;

    public sealed record Line(long Id, string PersonId, string PersonName, string? DivisionCode, string? Street, string PositionId,
        string PositionTitle, string Employer, double Score, bool? Attended, bool? Hired, string? Outcome);

    public sealed record Invitation(string Employer, int OpenPlaces, bool? Attended);

    /// <summary>A person of the user's area the plan left without a place (暂无合适岗位), with the best match there was.</summary>
    public sealed record Unplaced(string PersonId, string PersonName, string? Street, double? BestScore);

    public sealed class OutcomeInput
    {
        public long AssignmentId { get; set; }
        /// <summary>"", "yes" or "no".</summary>
        [MaxLength(3)] public string? Attended { get; set; }
        [MaxLength(3)] public string? Hired { get; set; }
        public DateOnly? StartedOn { get; set; }
        [MaxLength(500)] public string? Outcome { get; set; }
    }

    [FromRoute] public long Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Street { get; set; }
    [BindProperty(SupportsGet = true), Range(1, 10_000)] public int PageNumber { get; set; } = 1;
    [BindProperty] public List<OutcomeInput> Outcomes { get; set; } = [];
    [TempData] public string? Message { get; set; }

    public JobFair? Fair { get; private set; }
    public IReadOnlyList<Invitation> Invitations { get; private set; } = [];
    /// <summary>The page of lines on screen.</summary>
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    /// <summary>Every line of the chosen street, for the printed list (paging is for the screen only).</summary>
    public IReadOnlyList<Line> PrintLines { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name, int Count)> Streets { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public double? GainPercent => FairWords.GainPercent(Fair?.PlanValue, Fair?.GreedyValue);
    /// <summary>The people of the user's area with no suitable place (below the plan's quality floor or no match at all).</summary>
    public IReadOnlyList<Unplaced> NoSuitable { get; private set; } = [];
    /// <summary>How many of the user's area had suitable positions whose places went to others.</summary>
    public int PlacesTaken { get; private set; }
    /// <summary>The average match of the plan's lines in the user's area (null when none).</summary>
    public double? AverageScore { get; private set; }
    public int AssignedInArea { get; private set; }
    public bool IsPreview => Fair?.Status == JobFairStatus.Scheduled;
    public bool CanRecord => Fair?.Status is JobFairStatus.Held or JobFairStatus.Closed;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        HttpContext.Shown("JobFair", Fair!.Quarter, Street is null ? AuditDetail.Of(AuditDetails.FairInvitations, PrintLines.Count, NoSuitable.Count) : AuditDetail.Of(AuditDetails.FairInvitationsInStreet, PrintLines.Count, Street, NoSuitable.Count));
        return Page();
    }

    /// <summary>A previewed fair's plan again, on today's people and positions.</summary>
    public async Task<IActionResult> OnPostRefreshAsync()
    {
        var fair = await db.JobFairs.AsNoTracking().FirstOrDefaultAsync(f => f.Id == Id, HttpContext.RequestAborted);
        if (fair is null)
        {
            return NotFound();
        }
        if (fair.Status == JobFairStatus.Scheduled)
        {
            await planning.PreviewAsync(fair.HeldOn, User.Actor(), HttpContext.RequestAborted);
            Message = text["PreviewRefreshed"];
        }
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostOutcomesAsync()
    {
        var fair = await db.JobFairs.AsNoTracking().FirstOrDefaultAsync(f => f.Id == Id, HttpContext.RequestAborted);
        if (fair is null)
        {
            return NotFound();
        }
        if (fair.Status is not (JobFairStatus.Held or JobFairStatus.Closed))
        {
            ModelState.AddModelError("", text["OutcomesOnlyAfter"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var result = await outcomes.RecordAsync(Id,
            Outcomes.Select(o => new FairOutcomeInput(o.AssignmentId, Flag(o.Attended), Flag(o.Hired), o.StartedOn, o.Outcome)).ToList(),
            User.Scope().Covers, User.Actor(), HttpContext.RequestAborted);
        foreach (var (person, refusal) in result.Refused)
        {
            logger.LogInformation("Fair {Quarter}: hire of {Person} refused: {Reason}", fair.Quarter, person, refusal.Message);
        }
        Message = string.Join(" ", new[] { text["OutcomesSaved", result.Saved, result.Hired].Value }
            .Concat(result.Refused.Select(r => text["HireFailed", r.PersonId, refusals.Describe(r.Refusal)].Value)));
        return RedirectToPage(new { id = Id, street = Street, pageNumber = PageNumber });
    }

    private static bool? Flag(string? value) => value switch { "yes" => true, "no" => false, _ => null };

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Fair = await db.JobFairs.AsNoTracking().FirstOrDefaultAsync(f => f.Id == Id, ct);
        if (Fair is null)
        {
            return false;
        }
        Invitations = await (from i in db.JobFairInvitations.AsNoTracking()
                             join e in db.Employers.AsNoTracking() on i.EmployerId equals e.Id
                             where i.JobFairId == Id
                             orderby e.Name
                             select new Invitation(e.Name, i.OpenPlaces, i.Attended)).ToListAsync(ct);
        // Only the lines of the user's area are read: the scope filters in the database.
        var visible = await (from a in User.Scope().Filter(db.JobFairAssignments.AsNoTracking(), a => a.DivisionCode)
                         join p in db.Persons.AsNoTracking() on a.PersonId equals p.Id
                         join pos in db.Positions.AsNoTracking() on a.PositionId equals pos.Id
                         join e in db.Employers.AsNoTracking() on pos.EmployerId equals e.Id
                         where a.JobFairId == Id
                         select new { a, p.Name, pos.Title, Employer = e.Name }).ToListAsync(ct);
        // Which street a line's division lies in: Core's one rule (Households/Streets).
        var streets = await Core.Households.Streets.LoadAsync(db, ct);
        string? StreetOf(string? code) => streets.StreetOf(code);
        string NameOf(string code) => streets.Find(code)?.Name ?? code;
        Streets = visible.GroupBy(x => StreetOf(x.a.DivisionCode) ?? "")
            .Select(g => (g.Key, g.Key.Length > 0 ? NameOf(g.Key) : text["NoDivision"].Value, g.Count()))
            .OrderBy(s => s.Item1, StringComparer.Ordinal).ToList();
        var filtered = Street is null ? visible : visible.Where(x => (StreetOf(x.a.DivisionCode) ?? "") == Street).ToList();
        Total = filtered.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        PrintLines = filtered
            .OrderBy(x => x.a.DivisionCode, StringComparer.Ordinal).ThenBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.a.Id)
            .Select(x => new Line(x.a.Id, x.a.PersonId, x.Name, x.a.DivisionCode,
                StreetOf(x.a.DivisionCode) is { } s ? NameOf(s) : null,
                x.a.PositionId, x.Title, x.Employer, x.a.Score, x.a.Attended, x.a.Hired, x.a.Outcome))
            .ToList();
        Lines = PrintLines.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        AssignedInArea = visible.Count;
        AverageScore = visible.Count == 0 ? null : visible.Average(x => x.a.Score);

        var unplaced = await (from u in User.Scope().Filter(db.JobFairUnplaced.AsNoTracking(), u => u.DivisionCode)
                              join p in db.Persons.AsNoTracking() on u.PersonId equals p.Id
                              where u.JobFairId == Id
                              select new { u.PersonId, u.DivisionCode, u.Reason, u.BestScore, p.Name }).ToListAsync(ct);
        var shown = Street is null ? unplaced : unplaced.Where(u => (StreetOf(u.DivisionCode) ?? "") == Street).ToList();
        PlacesTaken = shown.Count(u => u.Reason == UnplacedReason.PlacesTaken);
        NoSuitable = shown.Where(u => u.Reason == UnplacedReason.NoSuitablePosition)
            .OrderBy(u => u.DivisionCode, StringComparer.Ordinal).ThenBy(u => u.Name, StringComparer.Ordinal)
            .Select(u => new Unplaced(u.PersonId, u.Name, StreetOf(u.DivisionCode) is { } s ? NameOf(s) : null, u.BestScore))
            .ToList();
        return true;
    }
}
