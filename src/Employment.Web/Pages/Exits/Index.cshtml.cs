using Employment.Core.Domain;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Exits;

/// <summary>The exit candidates of the counselor's areas, and the exited households' transition and incentive years.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class IndexModel(AppDbContext db, HouseholdExits exits, IStringLocalizer<OutcomesResource> text,
    IStringLocalizer<RefusalResource> refusals) : PageModel
{
    public const int PageSize = 20;

    public sealed record CandidateRow(string Id, string? Address, string? DivisionCode, Core.Domain.HouseholdCategory? Category, int Size,
        decimal MonthlyIncome, decimal IncomePerHead, IncomeBand Band, DateTime? CandidateSince);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CandidateRow> Candidates { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<TrackedExit> Tracked { get; private set; } = [];
    /// <summary>Head of household and street for every household listed.</summary>
    public IReadOnlyDictionary<string, HouseholdLabel> Labels { get; private set; } = new Dictionary<string, HouseholdLabel>();
    public Region? Region { get; private set; }
    public string? Message { get; private set; }
    public long? UndoableExitId { get; private set; }

    public async Task OnGetAsync(long? verified, string? undone, CancellationToken ct)
    {
        var today = exits.Today;
        Region = await db.Regions.TheDistrict().OnAsync(today, ct);
        var districts = await DistrictBook.LoadAsync(db, ct);
        var visible = db.Households.AsNoTracking().OnRegister().Visible(User);
        var query = visible.Where(h => h.ExitStatus == ExitStatus.Candidate);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(h => h.Id.Contains(q) || (h.Address != null && h.Address.Contains(q)));
        }
        // Candidates are few (households past the edge line): sorting and paging run here.
        var rows = (await query
                .Select(h => new { h.Id, h.Address, h.DivisionCode, h.Category, h.Size, h.MonthlyIncome, h.ExitCandidateSinceUtc })
                .ToListAsync(ct))
            .Select(h =>
            {
                var perHead = HouseholdStanding.IncomePerHead(h.MonthlyIncome, h.Size);
                var lines = districts.LinesOn(h.Id, today);
                return new CandidateRow(h.Id, h.Address, h.DivisionCode, h.Category, h.Size, h.MonthlyIncome, perHead,
                    lines is not { } l ? IncomeBand.AboveEdgeLine : HouseholdStanding.Band(perHead, l.DibaoLine, l.EdgeLine),
                    h.ExitCandidateSinceUtc);
            });
        rows = Sort switch
        {
            "id" => rows.OrderBy(r => r.Id, StringComparer.Ordinal),
            "perhead" => rows.OrderByDescending(r => r.IncomePerHead).ThenBy(r => r.Id, StringComparer.Ordinal),
            // Longest-waiting first: a candidate left unverified is a household left in limbo.
            _ => rows.OrderBy(r => r.CandidateSince ?? DateTime.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal),
        };
        var all = rows.ToList();
        Total = all.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Candidates = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        Tracked = await exits.TrackAsync(visible, cancellationToken: ct);

        if (verified is { } exitId && Tracked.FirstOrDefault(t => t.ExitId == exitId) is { } done)
        {
            Message = text["Verified", done.HouseholdId];
            UndoableExitId = done.VerifiedBy == User.Actor() ? exitId : null;
        }
        else if (!string.IsNullOrEmpty(undone))
        {
            Message = text["Undone", undone];
        }

        var shown = Candidates.Select(c => c.Id).Concat(Tracked.Select(t => t.HouseholdId)).Distinct().ToList();
        Labels = await HouseholdLabels.ForAsync(db, shown, ct);
        if (shown.Count > 0)
        {
            // Income per head is personal data: a list view of it is logged like a record view.
            HttpContext.Shown(AuditTrail.Household, "exit-list", AuditDetail.Of(AuditDetails.ExitList, string.Join(",", shown)));
        }
    }

    public async Task<IActionResult> OnPostUndoAsync(long exitId, CancellationToken ct)
    {
        var exit = await db.HouseholdExits.AsNoTracking().FirstOrDefaultAsync(e => e.Id == exitId, ct);
        var household = exit is null ? null : await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == exit.HouseholdId, ct);
        if (household is null || !User.Scope().Covers(household.DivisionCode))
        {
            return NotFound();
        }
        try
        {
            await exits.UndoAsync(exitId, User.Actor(), ct);
        }
        catch (RefusalException refusal)
        {
            ModelState.AddModelError(string.Empty, refusals.Describe(refusal));
            await OnGetAsync(null, null, ct);
            return Page();
        }
        return RedirectToPage(new { undone = household.Id });
    }

    public string CategoryText(Core.Domain.HouseholdCategory? category) => text["Category_" + (category?.ToString() ?? "None")];

    public string BandText(IncomeBand band) => text["Band_" + band];

    public string PhaseText(ExitPhase phase) => text["Phase_" + phase];
}
