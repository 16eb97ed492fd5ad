using Employment.Core.Domain;
using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Counselor;

/// <summary>A household as its four-clear ledger (四清台账), with the derived facts beside it.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin + "," + Roles.City)]
[InCounselorArea(CounselorRecord.Household)]
public sealed class HouseholdModel(AppDbContext db, HouseholdLedger ledger, TimeProvider clock,
    IStringLocalizer<RefusalResource> refusals) : PageModel
{
    public sealed class EntryInput
    {
        public LedgerSection? Section { get; set; }
        public string? PersonId { get; set; }
        public string? Text { get; set; }
        public DateOnly? RecordedOn { get; set; }
    }

    public sealed class CorrectionInput
    {
        public long EntryId { get; set; }
        public string? Text { get; set; }
    }

    [BindProperty] public EntryInput Entry { get; set; } = new();
    [BindProperty] public CorrectionInput Correction { get; set; } = new();

    public Household Household { get; private set; } = null!;
    public Region? Region { get; private set; }
    public string? StreetName { get; private set; }
    public IReadOnlyList<LedgerEntry> Entries { get; private set; } = [];
    public long? OwnLastEntryId { get; private set; }
    public decimal IncomePerHead { get; private set; }
    public IncomeBand Band { get; private set; }
    public bool ZeroEmployment { get; private set; }
    public DateOnly Today => clock.Today();
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Entry.RecordedOn = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string id, CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors(refusals);
        var household = await db.VisibleHouseholdAsync(User, id, ct);
        if (household is null)
        {
            return NotFound();
        }
        if (Entry.Section is null)
        {
            ModelState.AddModelError("Entry.Section", refusals.Describe(RefusalCodes.Required));
        }
        if (Entry.RecordedOn is null && !ModelState.ContainsKey("Entry.RecordedOn"))
        {
            ModelState.AddModelError("Entry.RecordedOn", refusals.Describe(RefusalCodes.Required));
        }
        var input = new LedgerInput(Entry.Section ?? default, Entry.PersonId, Entry.Text, Entry.RecordedOn ?? Today);
        foreach (var (field, code) in HouseholdLedger.Validate(household, input, Today))
        {
            if (ModelState.GetFieldValidationState("Entry." + field) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            {
                ModelState.AddModelError("Entry." + field, refusals["Refusal_" + code]);
            }
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, ct);
            return Page();
        }
        try
        {
            await ledger.AddAsync(household.Id, input, User.Actor(), ct);
        }
        catch (RefusalException refusal)
        {
            ModelState.AddRefusal(refusals, "Entry", refusal);
            await LoadAsync(id, ct);
            return Page();
        }
        Done = "EntryAdded";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCorrectAsync(string id, CancellationToken ct) =>
        await OwnEntryAsync(id, "Correction", "EntryCorrected", () => ledger.CorrectAsync(id, Correction.EntryId, Correction.Text, User.Actor(), ct), ct);

    public async Task<IActionResult> OnPostUndoAsync(string id, CancellationToken ct) =>
        await OwnEntryAsync(id, "Correction", "EntryUndone", () => ledger.UndoAsync(id, Correction.EntryId, User.Actor(), ct), ct);

    private async Task<IActionResult> OwnEntryAsync(string id, string prefix, string done, Func<Task> work, CancellationToken ct)
    {
        ModelState.Clear();
        if (await db.VisibleHouseholdAsync(User, id, ct) is null)
        {
            return NotFound();
        }
        try
        {
            await work();
        }
        catch (RefusalException refusal)
        {
            ModelState.AddRefusal(refusals, prefix, refusal);
            await LoadAsync(id, ct);
            return Page();
        }
        Done = done;
        return RedirectToPage(new { id });
    }

    /// <summary>Loads what the page shows and records the view; false when the household is not the user's to see.</summary>
    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        // A refused request may have left changes in this unit of work; the view's audit save must not commit them.
        db.ChangeTracker.Clear();
        var household = await db.VisibleHouseholdAsync(User, id, ct);
        if (household is null)
        {
            return false;
        }
        Household = household;
        Region = await db.Regions.DistrictOf(household.Id).OnAsync(clock.Today(), ct);
        StreetName = household.DivisionCode is null ? null
            : await db.Divisions.AsNoTracking().Where(d => d.Code == household.DivisionCode).Select(d => d.Name).FirstOrDefaultAsync(ct);
        Entries = await db.LedgerEntries.AsNoTracking().Where(e => e.HouseholdId == id)
            .OrderByDescending(e => e.RecordedOn).ThenByDescending(e => e.Id).ToListAsync(ct);
        OwnLastEntryId = await ledger.LastEntryOfAsync(id, User.Actor(), ct);
        IncomePerHead = HouseholdStanding.IncomePerHead(household);
        Band = Region is null ? IncomeBand.BelowDibaoLine : HouseholdStanding.Band(household, Region);
        ZeroEmployment = HouseholdStanding.IsZeroEmployment(household);
        HttpContext.Shown(AuditTrail.Household, household.Id, AuditDetail.Of(AuditDetails.HouseholdPage));
        return true;
    }

    public string MemberName(string? personId) =>
        personId is null ? "" : Household.Members.FirstOrDefault(m => m.Id == personId)?.Name ?? personId;
}
