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
/// The region's two lines (monthly CNY per head), changed through Core's <see cref="LinesDesk"/>
/// (which reassesses every household in the same save). The previous values are shown, so a mistake
/// is undone by entering them again.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class LinesModel(AppDbContext db, LinesDesk desk, IStringLocalizer<AdminResource> text,
    IStringLocalizer<RefusalResource> refusals) : PageModel
{
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
        var unbound = new HashSet<string>();
        foreach (var key in new[] { "Input.DibaoLine", "Input.EdgeLine" })
        {
            if (ModelState[key]?.Errors.Count > 0)
            {
                ModelState[key]!.Errors.Clear();
                ModelState.AddModelError(key, text["NotANumber"]);
                unbound.Add(key);
            }
        }
        foreach (var refusal in LinesDesk.Check(Region.DivisionCode ?? "-", Input.DibaoLine, Input.EdgeLine))
        {
            var key = refusal.Field == "dibaoLine" ? "Input.DibaoLine" : "Input.EdgeLine";
            if (!unbound.Contains(key))
            {
                ModelState.AddModelError(key, refusals.Describe(refusal));
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            var change = await desk.ChangeAsync(Region.DivisionCode, Input.DibaoLine!.Value, Input.EdgeLine!.Value, User.Actor(), ct);
            if (change is null)
            {
                Message = text["LinesUnchanged"];
                return RedirectToPage(new { district = District });
            }
            Message = text["LinesSaved", change.Reassessed];
            Previous = string.Create(CultureInfo.InvariantCulture, $"{change.DibaoBefore:0.##}/{change.EdgeBefore:0.##}");
        }
        catch (RefusalException refusal)
        {
            ModelState.AddModelError("", refusals.Describe(refusal));
            return Page();
        }
        return RedirectToPage(new { district = District });
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
