using Employment.Core.Domain;
using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Placement;
using Employment.Core.Reports;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Admin;

/// <summary>
/// Public-welfare subsidies as a budget: for each quarter, a cap per street or for the district, shown
/// against what the placements have committed and spent. A placement past a cap is refused.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class SubsidiesModel(AppDbContext db, PublicWelfareBudget budget, OutcomeReports reports, AuditTrail audit,
    IStringLocalizer<AdminResource> text, IStringLocalizer<RefusalResource> refusals) : PageModel
{
    public sealed class InputModel
    {
        public string? Quarter { get; set; }
        public string? Scope { get; set; }
        public decimal? Amount { get; set; }
    }

    public sealed record ScopeRow(string Code, string Name, decimal Committed, decimal Spent, decimal? Cap);

    [BindProperty(SupportsGet = true)] public string? Quarter { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public IReadOnlyList<Quarter> Quarters { get; private set; } = [];
    public Quarter Chosen { get; private set; }
    public IReadOnlyList<ScopeRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Core.Reports.Quarter.TryParse(Input.Quarter, out var quarter, out _))
        {
            ModelState.AddModelError("Input.Quarter", text["BadQuarter"]);
        }
        var code = string.IsNullOrWhiteSpace(Input.Scope) ? null : Input.Scope.Trim();
        if (code is not null && !await db.Divisions.AnyAsync(d => d.Code == code && d.Level == DivisionLevel.Street, ct))
        {
            ModelState.AddModelError("Input.Scope", text["UnknownStreet"]);
        }
        if (ModelState.IsValid)
        {
            try
            {
                await budget.SetCapAsync(quarter, code, Input.Amount, User.Actor(), ct);
                audit.Add(User.Actor(), "subsidy-cap", "quarter", quarter.ToString(), Input.Amount is { } amount ? AuditDetail.Of(AuditDetails.SubsidyCap, code ?? "district", amount) : AuditDetail.Of(AuditDetails.SubsidyCapRemoved, code ?? "district"));
                await db.SaveChangesAsync(ct);
                Message = text["CapSaved"];
                return RedirectToPage(new { quarter = quarter.ToString() });
            }
            catch (RefusalException refusal)
            {
                ModelState.AddModelError("Input.Amount", refusals.Describe(refusal));
            }
        }
        Quarter = Input.Quarter;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var current = reports.CurrentQuarter;
        // This year's quarters so far and the next one: caps are set ahead, and checked against the past.
        var next = Core.Reports.Quarter.Of(current.LastDay.AddDays(1));
        Quarters = [next, .. current.LastQuarters(5).Reverse()];
        Chosen = Core.Reports.Quarter.TryParse(Quarter, out var q, out _) ? q : current;
        Quarter = Chosen.ToString();
        Input.Quarter ??= Quarter;
        if (Chosen.FirstDay > reports.Today)
        {
            // A quarter not begun has no figures yet: only its caps.
            var caps = await db.SubsidyCaps.AsNoTracking().Where(c => c.Quarter == Quarter).ToListAsync(ct);
            var names = await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.Street).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
            Rows = caps.OrderBy(c => c.DivisionCode ?? "", StringComparer.Ordinal)
                .Select(c => new ScopeRow(c.DivisionCode ?? "", c.DivisionCode is null ? text["WholeDistrict"] : names.GetValueOrDefault(c.DivisionCode, c.DivisionCode), 0, 0, c.Amount))
                .ToList();
            return;
        }
        var report = await reports.ForQuarterAsync(Chosen, ct);
        Rows = new[] { report.District }.Concat(report.Streets)
            .Select((f, i) => new ScopeRow(i == 0 ? "" : f.Code ?? "", i == 0 ? text["WholeDistrict"] : f.Name, f.SubsidyCommitted, f.SubsidySpent, f.SubsidyCap))
            .ToList();
    }
}
