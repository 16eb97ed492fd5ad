using System.Globalization;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Admin;

/// <summary>
/// The region's two lines (monthly CNY per head). A change moves households across the edge line,
/// so every household's exit candidacy is reassessed in the same save as the new lines: nobody ever
/// sees new lines with old candidacies. The previous values are shown, so a mistake is undone by
/// entering them again.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class LinesModel(AppDbContext db, AuditTrail audit, TimeProvider clock, IStringLocalizer<AdminResource> text) : PageModel
{
    public const decimal Ceiling = Core.Domain.InputRules.LineMax;

    public sealed class InputModel
    {
        public decimal? DibaoLine { get; set; }
        public decimal? EdgeLine { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    /// <summary>The district's division code; the store's first district when absent.</summary>
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    public Region? Region { get; private set; }
    public IReadOnlyList<Region> Districts { get; private set; } = [];
    public int Candidates { get; private set; }
    [TempData] public string? Message { get; set; }
    [TempData] public string? Previous { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Region is null)
        {
            return NotFound();
        }
        Input = new InputModel { DibaoLine = Region.DibaoLine, EdgeLine = Region.EdgeLine };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Region is null)
        {
            return NotFound();
        }
        // Model binding leaves an error for text that is not a number; say it in this page's words.
        foreach (var key in new[] { "Input.DibaoLine", "Input.EdgeLine" })
        {
            if (ModelState[key]?.Errors.Count > 0)
            {
                ModelState[key]!.Errors.Clear();
                ModelState.AddModelError(key, text["NotANumber"]);
            }
        }
        Validate();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var dibao = Input.DibaoLine!.Value;
        var edge = Input.EdgeLine!.Value;
        if (dibao == Region.DibaoLine && edge == Region.EdgeLine)
        {
            Message = text["LinesUnchanged"];
            return RedirectToPage(new { district = District });
        }
        var before = string.Create(CultureInfo.InvariantCulture, $"{Region.DibaoLine:0.##}/{Region.EdgeLine:0.##}");
        var region = await db.Regions.Include(r => r.History).WithCode(District).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // The old lines stay in force for every day before today: past figures and exit checks keep them.
        DistrictLines.Change(region, dibao, edge, clock.Today());
        region.UpdatedUtc = now;
        var changed = 0;
        var first = await db.Regions.TheDistrict().Select(r => r.Id).FirstAsync(ct);
        var district = DistrictLines.RefOf(region, first);
        foreach (var household in await db.Households.OnRegister().Where(DistrictKeys.InDistrict<Household>(h => h.Id, district)).ToListAsync(ct))
        {
            if (HouseholdStanding.ReassessExit(household, region, now))
            {
                household.UpdatedUtc = now;
                changed++;
            }
        }
        audit.Add(User.Actor(), "region.lines", "region", region.Id.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{region.DivisionCode} dibao/edge {before} -> {dibao:0.##}/{edge:0.##} from {clock.Today():yyyy-MM-dd}; {changed} households' exit candidacy changed"));
        // One SaveChanges is one transaction: the lines, every reassessed household and the audit entry.
        await db.SaveChangesAsync(ct);
        Message = text["LinesSaved", changed];
        Previous = before;
        return RedirectToPage(new { district = District });
    }

    /// <summary>Checks each field that bound; one that did not already carries its error.</summary>
    private void Validate()
    {
        var dibao = Check("Input.DibaoLine", Input.DibaoLine);
        if (Check("Input.EdgeLine", Input.EdgeLine) is { } edge && dibao is { } d && edge < d)
        {
            ModelState.AddModelError("Input.EdgeLine", text["EdgeBelowDibao"]);
        }
    }

    /// <summary>The amount when it is a usable line, else null with the field's error added.</summary>
    private decimal? Check(string key, decimal? value)
    {
        if (ModelState[key]?.Errors.Count > 0)
        {
            return null;
        }
        if (value is not { } amount)
        {
            ModelState.AddModelError(key, text["LineRequired"]);
            return null;
        }
        if (amount <= 0 || amount > Ceiling)
        {
            ModelState.AddModelError(key, text["LineRange", Ceiling]);
            return null;
        }
        return amount;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Districts = await db.Regions.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        Region = await db.Regions.AsNoTracking().Include(r => r.History).WithCode(District).FirstOrDefaultAsync(ct);
        if (Region is null)
        {
            return;
        }
        var district = DistrictLines.RefOf(Region, Districts[0].Id);
        Candidates = await db.Households.OnRegister().Where(DistrictKeys.InDistrict<Household>(h => h.Id, district))
            .CountAsync(h => h.ExitStatus == ExitStatus.Candidate, ct);
    }
}
