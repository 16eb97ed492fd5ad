using Employment.Core.Domain;
using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Placement;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Counselor;

/// <summary>A person: profile, the engine's matches with reasons, and referrals from consent to hire.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin + "," + Roles.City)]
[InCounselorArea(CounselorRecord.Person)]
public sealed class PersonModel(AppDbContext db, CounselorMatches matches, ReferralDesk desk, TimeProvider clock,
    IStringLocalizer<CounselorResource> text, IStringLocalizer<RefusalResource> refusals) : PageModel
{
    public sealed class ReferInput
    {
        public string? PositionId { get; set; }
        public bool Consent { get; set; }
        public string? Note { get; set; }
        public double? MatchScore { get; set; }
    }

    public sealed class MoveInput
    {
        public long ReferralId { get; set; }
        public ReferralStatus? To { get; set; }
        public string? Note { get; set; }
    }

    public sealed class HireInput
    {
        public long ReferralId { get; set; }
        public DateOnly? StartedOn { get; set; }
        public decimal? MonthlyWage { get; set; }
    }

    /// <summary>The person card (一人一卡) and the kiosk PIN a counselor hands over.</summary>
    public sealed class CardInput
    {
        public string? CardNumber { get; set; }
        public string? Pin { get; set; }
        public string? PinRepeat { get; set; }
    }

    public sealed record ReferralRow(Referral Referral, string Title, string Employer, decimal MonthlyWage);

    public sealed record PlacementRow(Core.Placement.Placement Placement, string Title, IReadOnlyList<FollowUp> FollowUps);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public ReferInput Refer { get; set; } = new();
    [BindProperty] public MoveInput Move { get; set; } = new();
    [BindProperty] public HireInput Hire { get; set; } = new();
    [BindProperty] public CardInput Card { get; set; } = new();
    [TempData] public string? Done { get; set; }

    public Person Person { get; private set; } = null!;
    public Household Household => Person.Household!;
    public Region? Region { get; private set; }
    public IReadOnlyList<PersonMatchView> Matches { get; private set; } = [];
    public IReadOnlyList<SavedSearch> SavedSearches { get; private set; } = [];
    public IReadOnlyList<ReferralRow> Referrals { get; private set; } = [];
    public IReadOnlyList<PlacementRow> Placements { get; private set; } = [];
    public decimal IncomePerHead { get; private set; }
    public IncomeBand Band { get; private set; }
    public string? Intention { get; private set; }
    /// <summary>The form that failed, so its errors show beside it and not on every row.</summary>
    public string? FailedForm { get; private set; }
    public DateOnly Today => clock.Today();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReferAsync(string id, CancellationToken ct)
    {
        ModelState.Clear();
        var person = await db.VisiblePersonAsync(User, id, ct);
        if (person is null)
        {
            return NotFound();
        }
        FailedForm = "refer:" + Refer.PositionId;
        if (string.IsNullOrWhiteSpace(Refer.PositionId))
        {
            ModelState.AddModelError("Refer.PositionId", refusals.Describe(RefusalCodes.Required));
        }
        if (!Refer.Consent)
        {
            ModelState.AddModelError("Refer.Consent", refusals.Describe(RefusalCodes.ConsentRequired));
        }
        if (ModelState.IsValid)
        {
            try
            {
                await desk.ReferAsync(new ReferralInput(person.Id, Refer.PositionId!, Refer.Consent, Refer.Note, Refer.MatchScore), User.Actor(), ct);
                Done = "Referred";
                return RedirectToPage(null, null, new { id, q = Q }, "referrals");
            }
            catch (RefusalException refusal)
            {
                ModelState.AddRefusal(refusals, "Refer", refusal);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", refusals.Describe(RefusalCodes.ChangedMeanwhile));
            }
        }
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(string id, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await OwnsReferralAsync(id, Move.ReferralId, ct))
        {
            return NotFound();
        }
        FailedForm = "move:" + Move.ReferralId;
        if (Move.To is null)
        {
            ModelState.AddModelError("Move.To", refusals.Describe(RefusalCodes.Required));
        }
        else
        {
            try
            {
                await desk.MoveAsync(Move.ReferralId, Move.To.Value, Move.Note, User.Actor(), ct);
                Done = "ReferralMoved_" + Move.To.Value;
                return RedirectToPage(null, null, new { id }, "referrals");
            }
            catch (RefusalException refusal)
            {
                ModelState.AddRefusal(refusals, "Move", refusal);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", refusals.Describe(RefusalCodes.ChangedMeanwhile));
            }
        }
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostHireAsync(string id, CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors(refusals);
        if (!await OwnsReferralAsync(id, Hire.ReferralId, ct))
        {
            return NotFound();
        }
        FailedForm = "hire:" + Hire.ReferralId;
        if (Hire.StartedOn is null && ModelState.GetFieldValidationState("Hire.StartedOn") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Hire.StartedOn", refusals.Describe(RefusalCodes.Required));
        }
        if (ModelState.IsValid)
        {
            try
            {
                await desk.HireAsync(Hire.ReferralId, Hire.StartedOn!.Value, Hire.MonthlyWage, User.Actor(), ct);
                Done = "Hired";
                return RedirectToPage(null, null, new { id }, "referrals");
            }
            catch (RefusalException refusal)
            {
                ModelState.AddRefusal(refusals, "Hire", refusal);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", refusals.Describe(RefusalCodes.ChangedMeanwhile));
            }
        }
        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>Saves the match box's words for this person: positions that enter their top matches for them become new-match alerts.</summary>
    public async Task<IActionResult> OnPostSaveSearchAsync(string id, [FromServices] MatchAlerts alerts, CancellationToken ct)
    {
        ModelState.Clear();
        var person = await db.VisiblePersonAsync(User, id, ct);
        if (person is null)
        {
            return NotFound();
        }
        try
        {
            await alerts.SaveSearchAsync(person.Id, Q, User.Actor(), ct);
            Done = "SearchSaved";
            return RedirectToPage(null, null, new { id, q = Q }, "matches");
        }
        catch (RefusalException refusal)
        {
            FailedForm = "search";
            ModelState.AddModelError("Q", refusals.Describe(refusal));
        }
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteSearchAsync(string id, long searchId, [FromServices] MatchAlerts alerts, CancellationToken ct)
    {
        var person = await db.VisiblePersonAsync(User, id, ct);
        if (person is null || !await alerts.DeleteSearchAsync(person.Id, searchId, User.Actor(), ct))
        {
            return NotFound();
        }
        Done = "SearchDeleted";
        return RedirectToPage(null, null, new { id }, "matches");
    }

    public async Task<IActionResult> OnPostCardAsync(string id, [FromServices] Core.Kiosk.KioskPins pins, CancellationToken ct)
    {
        // Only this form's fields matter; the page's other forms were not posted.
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith("Card.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
        var person = await db.VisiblePersonAsync(User, id, ct);
        if (person is null)
        {
            return NotFound();
        }
        FailedForm = "card";
        if (string.IsNullOrWhiteSpace(Card.CardNumber))
        {
            ModelState.AddModelError("Card.CardNumber", refusals.Describe(RefusalCodes.Required));
        }
        if (string.IsNullOrWhiteSpace(Card.Pin))
        {
            ModelState.AddModelError("Card.Pin", refusals.Describe(RefusalCodes.Required));
        }
        else if (Card.Pin != Card.PinRepeat)
        {
            ModelState.AddModelError("Card.PinRepeat", text["Card_PinMismatch"]);
        }
        if (ModelState.IsValid)
        {
            try
            {
                await pins.SetPinAsync(person.Id, Card.CardNumber!, Card.Pin!, User.Actor(), ct);
                Done = "Card_Set";
                return RedirectToPage(null, null, new { id }, "kiosk-card");
            }
            catch (RefusalException refusal) when (refusal.Field is "cardNumber" or "pin")
            {
                ModelState.AddModelError(refusal.Field == "cardNumber" ? "Card.CardNumber" : "Card.Pin", refusals.Describe(refusal));
            }
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> OwnsReferralAsync(string id, long referralId, CancellationToken ct)
    {
        var person = await db.VisiblePersonAsync(User, id, ct);
        return person is not null && await db.Referrals.AnyAsync(r => r.Id == referralId && r.PersonId == person.Id, ct);
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        // A refused request may have left changes in this unit of work; the view's audit save must not commit them.
        db.ChangeTracker.Clear();
        var person = await db.VisiblePersonAsync(User, id, ct);
        if (person is null)
        {
            return false;
        }
        Person = person;
        Region = await db.Regions.DistrictOf(person.HouseholdId).OnAsync(clock.Today(), ct);
        IncomePerHead = HouseholdStanding.IncomePerHead(Household);
        Band = Region is null ? IncomeBand.BelowDibaoLine : HouseholdStanding.Band(Household, Region);
        Intention = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.HouseholdId == person.HouseholdId && e.Section == LedgerSection.EmploymentIntention && (e.PersonId == null || e.PersonId == person.Id))
            .OrderByDescending(e => e.PersonId != null).ThenByDescending(e => e.Id).Select(e => e.Text).FirstOrDefaultAsync(ct);
        Matches = await matches.ForPersonAsync(person, Q is { Length: > 200 } ? Q[..200] : Q, 10, ct);
        SavedSearches = await db.SavedSearches.AsNoTracking().Where(s => s.PersonId == person.Id).OrderBy(s => s.Id).ToListAsync(ct);
        Referrals = await db.Referrals.AsNoTracking().Include(r => r.Steps).Where(r => r.PersonId == person.Id).OrderByDescending(r => r.Id)
            .Join(db.Positions, r => r.PositionId, p => p.Id, (r, p) => new { r, p.Title, Employer = p.Employer!.Name, p.MonthlyWage })
            .Select(x => new ReferralRow(x.r, x.Title, x.Employer, x.MonthlyWage)).ToListAsync(ct);
        var placements = await db.Placements.AsNoTracking().Include(p => p.FollowUps).Where(p => p.PersonId == person.Id)
            .OrderByDescending(p => p.Id).ToListAsync(ct);
        var titles = await db.Positions.AsNoTracking().Where(p => placements.Select(x => x.PositionId).Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        Placements = placements.Select(p => new PlacementRow(p, titles.GetValueOrDefault(p.PositionId) ?? p.PositionId,
            p.FollowUps.OrderBy(f => f.DueOn).ToList())).ToList();
        HttpContext.Shown(AuditTrail.Person, person.Id, AuditDetail.Of(AuditDetails.PersonPage));
        return true;
    }

    public bool Failed(string form) => FailedForm == form;

    /// <summary>Positions the person is already referred to and the referral still open: no second form for them.</summary>
    public bool AlreadyReferred(string positionId) =>
        Referrals.Any(r => r.Referral.PositionId == positionId && ReferralDesk.Open.Contains(r.Referral.Status));

    public static IEnumerable<ReferralStatus> NextSteps(ReferralStatus status) =>
        Referral.Lifecycle.NextFrom(status).Where(s => s is ReferralStatus.Interview or ReferralStatus.Rejected or ReferralStatus.Withdrawn)
            .OrderBy(s => s);
}
