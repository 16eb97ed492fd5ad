using System.ComponentModel.DataAnnotations;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Exits;

/// <summary>Verifying one candidate's exit: the household's standing, a date and a note.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
[TypeFilter(typeof(VisibleHouseholdFilter))]
public sealed class VerifyModel(AppDbContext db, HouseholdExits exits, IStringLocalizer<OutcomesResource> text,
    IStringLocalizer<RefusalResource> refusals) : PageModel
{
    public sealed class VerifyInput
    {
        [Required] public DateOnly? VerifiedOn { get; set; }
        [Required, StringLength(HouseholdExits.NoteMaxLength)] public string? Note { get; set; }
    }

    [BindProperty] public VerifyInput Input { get; set; } = new();

    public Household Household { get; private set; } = null!;
    public Region? Region { get; private set; }
    public decimal IncomePerHead { get; private set; }
    public IncomeBand Band { get; private set; }
    public int Able { get; private set; }
    public int Employed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input.VerifiedOn ??= exits.Today;
        HttpContext.Shown(AuditTrail.Household, Household.Id, AuditDetail.Of(AuditDetails.ExitVerifyPage));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            var exit = await exits.VerifyAsync(Household.Id, Input.VerifiedOn!.Value, Input.Note, User.Actor(), ct);
            return RedirectToPage("Index", new { verified = exit.Id });
        }
        catch (RefusalException ex)
        {
            var field = ex.Field switch
            {
                "note" => "Input.Note",
                "verifiedOn" => "Input.VerifiedOn",
                _ => string.Empty,
            };
            ModelState.AddModelError(field, refusals.Describe(ex));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else changed the household meanwhile (a follow-up, another counselor): show it afresh.
            ModelState.AddModelError(string.Empty, "the household changed while you were verifying; check it again");
            return Page();
        }
    }

    public string CategoryText(HouseholdCategory? category) => text["Category_" + (category?.ToString() ?? "None")];

    public string BandText(IncomeBand band) => text["Band_" + band];

    /// <summary>The household, only when the user's areas cover it: a guessed id outside them reads as not found.</summary>
    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null || !User.Scope().Covers(household.DivisionCode))
        {
            return false;
        }
        Household = household;
        Region = await db.Regions.DistrictOf(household.Id).OnAsync(exits.Today, ct);
        IncomePerHead = HouseholdStanding.IncomePerHead(household);
        Band = Region is null ? IncomeBand.AboveEdgeLine : HouseholdStanding.Band(household, Region);
        Able = household.Members.Count(m => m.LaborCapacity != LaborCapacity.None);
        Employed = household.Members.Count(m => m.Employed);
        return true;
    }
}

/// <summary>
/// A household outside the user's areas is not found, before anything else about the request is
/// looked at (the antiforgery check included, which runs later, at order 1000): a post to another
/// street's household learns nothing, not even that its form was incomplete.
/// </summary>
internal sealed class VisibleHouseholdFilter(AppDbContext db) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var id = context.RouteData.Values["id"] as string;
        var code = await db.Households.AsNoTracking().Where(h => h.Id == id).Select(h => new { h.DivisionCode }).FirstOrDefaultAsync();
        if (code is null || !context.HttpContext.User.Scope().Covers(code.DivisionCode))
        {
            context.Result = new NotFoundResult();
        }
    }
}
