using Employment.Core.Data;
using Employment.Core.Employers;
using Employment.Core.Households;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Counselor.Register;

/// <summary>Edits a household of the counselor's area (income, size, category, place), archives it, and shows its history.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
[InCounselorArea(CounselorRecord.Household)]
public sealed class HouseholdModel(AppDbContext db, TalentPoolRegister register,
    IStringLocalizer<TalentPoolResource> text, IStringLocalizer<CounselorResource> counselor, IStringLocalizer<RefusalResource> refusals) : PageModel
{
    [BindProperty] public HouseholdForm Input { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ArchiveReason { get; set; }
    [BindProperty] public MemberForm NewMember { get; set; } = new();
    [BindProperty] public string? MemberReason { get; set; }

    public Household Household { get; private set; } = null!;
    public IReadOnlyList<Division> Streets { get; private set; } = [];
    public IReadOnlyList<RecordChange> History { get; private set; } = [];
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input = HouseholdForm.From(Household);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        ModelState.Remove(nameof(ArchiveReason));
        ModelState.Remove(nameof(MemberReason));
        ModelState.LocalizeBindingErrors(refusals);
        if (await db.VisibleHouseholdAsync(User, id, ct) is null)
        {
            return NotFound();
        }
        if (!string.IsNullOrWhiteSpace(Input.DivisionCode) && !User.Scope().Covers(Input.DivisionCode.Trim()))
        {
            ModelState.AddModelError("Input.DivisionCode", text["Error_not_your_area"]);
        }
        if (ModelState.IsValid)
        {
            try
            {
                await register.EditHouseholdAsync(id, Input.ToInput(), Reason, User.Actor(), ct);
                Done = "Saved";
                return RedirectToPage(null, null, new { id }, "history");
            }
            catch (FieldErrorsException refusal)
            {
                refusal.Errors.AddTo(ModelState, text, counselor);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", text["Error_changed"]);
            }
        }
        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>A member who joined after registration; checked as at registration, with the reason in the history.</summary>
    public async Task<IActionResult> OnPostAddMemberAsync(string id, CancellationToken ct)
    {
        // Only the new member's part of the page was posted.
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(nameof(NewMember), StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
        ModelState.LocalizeBindingErrors(refusals);
        if (await db.VisibleHouseholdAsync(User, id, ct) is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            try
            {
                await register.AddMemberAsync(id, NewMember.ToInput(), MemberReason, User.Actor(), ct);
                Done = "MemberAdded";
                return RedirectToPage(null, null, new { id }, "history");
            }
            catch (FieldErrorsException refusal)
            {
                foreach (var e in refusal.Errors.Where(e => e.Field == "Reason"))
                {
                    ModelState.AddModelError(nameof(MemberReason), text["Error_" + e.Code, e.Args]);
                }
                refusal.Errors.Where(e => e.Field != "Reason").AddTo(ModelState, text, counselor, memberPrefix: nameof(NewMember));
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", text["Error_changed"]);
            }
        }
        await LoadAsync(id, ct);
        Input = HouseholdForm.From(Household);
        return Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(string id, CancellationToken ct)
    {
        ModelState.Clear();
        if (await db.VisibleHouseholdAsync(User, id, ct) is null)
        {
            return NotFound();
        }
        try
        {
            await register.ArchiveAsync(id, ArchiveReason, User.Actor(), ct);
            Done = "Archived";
            return RedirectToPage(null, null, new { id }, "history");
        }
        catch (FieldErrorsException refusal)
        {
            foreach (var e in refusal.Errors)
            {
                ModelState.AddModelError(e.Field == "Reason" ? nameof(ArchiveReason) : "", text["Error_" + e.Code, e.Args]);
            }
        }
        await LoadAsync(id, ct);
        Input = HouseholdForm.From(Household);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var household = await db.VisibleHouseholdAsync(User, id, ct);
        if (household is null)
        {
            return false;
        }
        Household = household;
        var streets = await db.Divisions.AsNoTracking()
            .Where(d => (d.Level == DivisionLevel.Street || d.Level == DivisionLevel.Community) && d.Lat != null && d.Lon != null)
            .OrderBy(d => d.Code).ToListAsync(ct);
        Streets = streets.Where(d => User.Scope().Covers(d.Code)).ToList();
        History = await db.RecordChanges.AsNoTracking().Where(c => c.HouseholdId == id)
            .OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).ToListAsync(ct);
        HttpContext.Shown(AuditTrail.Household, household.Id, AuditDetail.Of(AuditDetails.HouseholdEditPage));
        return true;
    }

    public string MemberName(string? personId) =>
        personId is null ? "" : Household.Members.FirstOrDefault(m => m.Id == personId)?.Name ?? personId;
}
