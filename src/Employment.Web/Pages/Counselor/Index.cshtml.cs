using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Employment.Core.Search;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Counselor;

/// <summary>
/// The caseload: what needs the counselor today in their own area — zero-employment households,
/// people nobody has referred for a month, interest pressed at a kiosk, follow-ups due.
/// </summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class IndexModel(AppDbContext db, TalentPoolSearch search, ReferralDesk desk, PublicWelfareBudget budget, CounselorMatches matches, MatchAlerts alerts,
    Microsoft.Extensions.Options.IOptions<Core.Scheduling.ScheduleOptions> schedule, TimeProvider clock,
    IStringLocalizer<RefusalResource> refusals) : PageModel
{
    public const int ListLength = 15;
    /// <summary>Follow-ups due within this many days are listed with the overdue ones.</summary>
    public const int DueWithinDays = 14;

    public sealed record HouseholdRow(string Id, HouseholdCategory? Category, int Size, decimal IncomePerHead, string? Address);
    public sealed record PersonRow(string Id, string Name, string HouseholdId, int Age, DateTime? LastReferredUtc);
    /// <summary>
    /// A kiosk lead. <see cref="InArea"/> is false for a lead that fell back to the counselor's district
    /// (no counselor covers the person's street): its person's page is not theirs to open, so the row
    /// carries the phone to call.
    /// </summary>
    public sealed record LeadRow(long Id, string PersonId, string PersonName, string PositionId, string PositionTitle, string Employer,
        LeadStatus Status, DateTime CreatedUtc, bool PositionOpen)
    {
        public bool InArea { get; init; } = true;
        public string? Phone { get; init; }
    }
    public sealed record CourseLeadRow(long Id, string PersonId, string PersonName, string CourseId, string CourseTitle, string Provider,
        LeadStatus Status, DateTime CreatedUtc);
    public sealed record FollowUpRow(long Id, string PersonId, string PersonName, string PositionTitle, int MonthsAfter, DateOnly DueOn);
    public sealed record ExpiredRow(long ReferralId, string PersonId, string PersonName, string PositionTitle, string Employer, DateTime ExpiredUtc, string? Reason);
    public sealed record TermRow(TermEnding Term, string PersonName, string PositionTitle, PositionMatchView? Next);
    /// <summary>Expired referrals stay on the caseload this long, so a counselor back from leave still sees them.</summary>
    public const int ExpiredShownDays = 30;
    /// <summary>Terms for which the next household is proposed on the page (each costs a match).</summary>
    public const int ProposalsShown = 5;

    public sealed class LeadInput
    {
        public long LeadId { get; set; }
        public bool Consent { get; set; }
    }

    [BindProperty] public LeadInput Lead { get; set; } = new();
    [TempData] public string? Done { get; set; }

    public IReadOnlyList<HouseholdRow> ZeroEmployment { get; private set; } = [];
    public int ZeroEmploymentTotal { get; private set; }
    public IReadOnlyList<PersonRow> NotReferred { get; private set; } = [];
    public int NotReferredTotal { get; private set; }
    public IReadOnlyList<LeadRow> Leads { get; private set; } = [];
    /// <summary>Interest in a course pressed at a kiosk; enrolling the person closes it.</summary>
    public IReadOnlyList<CourseLeadRow> CourseLeads { get; private set; } = [];
    public IReadOnlyList<FollowUpRow> FollowUps { get; private set; } = [];
    public IReadOnlyList<ExpiredRow> Expired { get; private set; } = [];
    public IReadOnlyList<TermRow> TermsEnding { get; private set; } = [];
    /// <summary>Positions that entered the top matches of people in the area since the counselor last looked.</summary>
    public int NewMatches { get; private set; }
    public long? FailedLead { get; private set; }
    public DateOnly Today => clock.Today();
    /// <summary>The households the lists name: head of household and street beside the code.</summary>
    public IReadOnlyDictionary<string, HouseholdLabel> Labels { get; private set; } = new Dictionary<string, HouseholdLabel>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostContactedAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (!await OwnsLeadAsync(Lead.LeadId, ct))
        {
            return NotFound();
        }
        try
        {
            await desk.MarkLeadContactedAsync(Lead.LeadId, null, User.Actor(), ct);
            Done = "LeadContacted";
            return RedirectToPage();
        }
        catch (RefusalException refusal)
        {
            FailedLead = Lead.LeadId;
            ModelState.AddRefusal(refusals, "Lead", refusal);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCourseContactedAsync(long courseLeadId, CancellationToken ct)
    {
        ModelState.Clear();
        var visible = db.VisiblePersons(User);
        var lead = await db.CourseLeads.For(db, User.Scope()).FirstOrDefaultAsync(l => l.Id == courseLeadId, ct);
        if (lead is null)
        {
            return NotFound();
        }
        if (lead.Status == LeadStatus.New)
        {
            lead.Status = LeadStatus.Contacted;
            lead.HandledUtc = clock.GetUtcNow().UtcDateTime;
            lead.HandledBy = User.Actor();
            await db.SaveChangesAsync(ct);
        }
        Done = "LeadContacted";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReferAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == Lead.LeadId, ct);
        if (lead is null || !await OwnsLeadAsync(lead.Id, ct))
        {
            return NotFound();
        }
        FailedLead = lead.Id;
        if (!Lead.Consent)
        {
            ModelState.AddModelError("Lead.Consent", refusals.Describe(RefusalCodes.ConsentRequired));
        }
        else
        {
            try
            {
                await desk.ReferAsync(new ReferralInput(lead.PersonId, lead.PositionId, true, LeadId: lead.Id), User.Actor(), ct);
                Done = "Referred";
                return RedirectToPage();
            }
            catch (RefusalException refusal)
            {
                // The lead's own fields are not on the form: the refusal shows on the row.
                ModelState.AddModelError(refusal.Field == nameof(ReferralInput.Consent) ? "Lead.Consent" : "Lead.LeadId", refusals.Describe(refusal));
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Renews a public-welfare term of a person in the area (once, where the rules allow).</summary>
    public async Task<IActionResult> OnPostRenewAsync(long placementId, CancellationToken ct)
    {
        ModelState.Clear();
        var visible = db.VisiblePersons(User);
        if (!await db.Placements.AnyAsync(p => p.Id == placementId && visible.Any(v => v.Id == p.PersonId), ct))
        {
            return NotFound();
        }
        try
        {
            await budget.RenewAsync(placementId, User.Actor(), ct);
            Done = "TermRenewed";
            return RedirectToPage();
        }
        catch (RefusalException refusal)
        {
            ModelState.AddModelError("", refusals.Describe(refusal));
        }
        await LoadAsync(ct);
        return Page();
    }

    private Task<bool> OwnsLeadAsync(long leadId, CancellationToken ct) =>
        db.Leads.For(db, User.Scope()).AnyAsync(l => l.Id == leadId, ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        // Zero-employment is filtered in the database (HouseholdStanding's rule as a query); only the
        // few columns the list shows are read, then ordered by income per head (the poorest first).
        var zero = (await db.Households.OnRegister().Visible(User).AsNoTracking().ZeroEmployment()
                .Where(h => h.ExitStatus != ExitStatus.Exited)
                .Select(h => new { h.Id, h.Category, h.Size, h.MonthlyIncome, h.Address })
                .ToListAsync(ct))
            .Select(h => new HouseholdRow(h.Id, h.Category, h.Size, HouseholdStanding.IncomePerHead(h.MonthlyIncome, h.Size), h.Address))
            .OrderBy(h => h.IncomePerHead).ThenBy(h => h.Id, StringComparer.Ordinal).ToList();
        ZeroEmploymentTotal = zero.Count;
        ZeroEmployment = zero.Take(ListLength).ToList();

        var stale = search.Search(new TalentPoolQuery
        {
            Areas = User.SearchAreas(),
            NotReferredRecently = true,
            AvailableOnly = true,
            Sort = TalentPoolSort.LastReferred,
            PageSize = ListLength,
        });
        NotReferredTotal = stale.Total;
        var ids = stale.PersonIds.ToList();
        var persons = await db.VisiblePersons(User).AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var last = await db.Referrals.AsNoTracking().Where(r => ids.Contains(r.PersonId))
            .GroupBy(r => r.PersonId).Select(g => new { g.Key, Last = g.Max(r => r.CreatedUtc) }).ToDictionaryAsync(g => g.Key, g => g.Last, ct);
        NotReferred = ids.Where(persons.ContainsKey)
            .Select(id => new PersonRow(id, persons[id].Name, persons[id].HouseholdId, persons[id].Age, last.TryGetValue(id, out var at) ? at : null))
            .ToList();

        Labels = await HouseholdLabels.ForAsync(db, [.. ZeroEmployment.Select(h => h.Id), .. NotReferred.Select(p => p.HouseholdId)], ct);

        var visible = db.VisiblePersons(User);
        var listed = db.Positions.ListedOn(Today);
        // The counselor's leads by the one routing rule: their area's, and their district's that no counselor's street covers.
        Leads = await db.Leads.AsNoTracking().For(db, User.Scope())
            .Where(l => l.Status == LeadStatus.New || l.Status == LeadStatus.Contacted)
            .OrderBy(l => l.Status).ThenBy(l => l.CreatedUtc).Take(50)
            .Join(db.Persons, l => l.PersonId, p => p.Id, (l, p) => new { l, p.Name, p.Phone, InArea = visible.Any(v => v.Id == p.Id) })
            .Join(db.Positions, x => x.l.PositionId, p => p.Id, (x, p) => new { x.l, x.Name, x.Phone, x.InArea, p.Title, Employer = p.Employer!.Name, Listed = listed.Any(o => o.Id == p.Id) })
            .Select(x => new LeadRow(x.l.Id, x.l.PersonId, x.Name, x.l.PositionId, x.Title, x.Employer, x.l.Status, x.l.CreatedUtc, x.Listed)
            {
                InArea = x.InArea,
                Phone = x.Phone,
            })
            .ToListAsync(ct);

        CourseLeads = await db.CourseLeads.AsNoTracking().For(db, User.Scope())
            .Where(l => l.Status == LeadStatus.New || l.Status == LeadStatus.Contacted)
            .OrderBy(l => l.Status).ThenBy(l => l.CreatedUtc).Take(50)
            .Join(db.Persons, l => l.PersonId, p => p.Id, (l, p) => new { l, p.Name })
            .Join(db.Courses, x => x.l.CourseId, c => c.Id, (x, c) => new CourseLeadRow(x.l.Id, x.l.PersonId, x.Name, c.Id, c.Title, c.Provider, x.l.Status, x.l.CreatedUtc))
            .ToListAsync(ct);

        var horizon = Today.AddDays(DueWithinDays);
        FollowUps = await db.FollowUps.AsNoTracking()
            .Where(f => f.DoneUtc == null && f.DueOn <= horizon && f.Placement!.Status != PlacementStatus.Ended
                && visible.Any(p => p.Id == f.Placement.PersonId))
            .OrderBy(f => f.DueOn).Take(50)
            .Select(f => new { f.Id, f.Placement!.PersonId, f.Placement.PositionId, f.MonthsAfter, f.DueOn })
            .Join(db.Persons, f => f.PersonId, p => p.Id, (f, p) => new { f, p.Name })
            .Join(db.Positions, x => x.f.PositionId, p => p.Id, (x, p) => new FollowUpRow(x.f.Id, x.f.PersonId, x.Name, p.Title, x.f.MonthsAfter, x.f.DueOn))
            .ToListAsync(ct);

        NewMatches = await AlertsModel.Query(db, User, await alerts.SeenAsync(User.Actor(), ct)).CountAsync(ct);

        var since = clock.GetUtcNow().UtcDateTime.AddDays(-ExpiredShownDays);
        Expired = await (from step in db.ReferralSteps.AsNoTracking()
                         join r in db.Referrals on step.ReferralId equals r.Id
                         join person in visible on r.PersonId equals person.Id
                         join position in db.Positions on r.PositionId equals position.Id
                         where step.To == ReferralStatus.Expired && step.AtUtc >= since
                         orderby step.AtUtc descending
                         select new ExpiredRow(r.Id, person.Id, person.Name, position.Title, position.Employer!.Name, step.AtUtc, step.Reason))
            .Take(50).ToListAsync(ct);

        var terms = await budget.TermsEndingAsync(Today, visible.Select(p => p.Id), ct);
        var termPeople = terms.Select(t => t.PersonId).ToList();
        var termPositions = terms.Select(t => t.PositionId).ToList();
        var names = await db.Persons.AsNoTracking().Where(p => termPeople.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var titles = await db.Positions.AsNoTracking().Where(p => termPositions.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        var rows = new List<TermRow>();
        foreach (var t in terms)
        {
            PositionMatchView? next = null;
            if (rows.Count < ProposalsShown && await matches.ForPositionAsync(User, t.PositionId, 20, ct) is { Count: > 0 } found)
            {
                var householdIds = found.Select(f => f.HouseholdId).ToList();
                var standing = (await db.Households.AsNoTracking().Include(h => h.Members).Where(h => householdIds.Contains(h.Id)).ToListAsync(ct))
                    .ToDictionary(h => h.Id, h => (h.Category, HouseholdStanding.IsZeroEmployment(h)));
                next = PublicWelfareBudget.ProposeNext(found.Where(f => f.PersonId != t.PersonId), f => f.Score,
                    f => standing.GetValueOrDefault(f.HouseholdId), schedule.Value.Plan);
            }
            rows.Add(new TermRow(t, names.GetValueOrDefault(t.PersonId, ""), titles.GetValueOrDefault(t.PositionId, ""), next));
        }
        TermsEnding = rows;

        // Everything this page lists by name or by household is a read of those records.
        HttpContext.ShownAll(AuditTrail.Household, ZeroEmployment.Select(h => h.Id), AuditDetail.Of(AuditDetails.CaseloadZeroEmployment));
        HttpContext.ShownAll(AuditTrail.Person, NotReferred.Select(p => p.Id), AuditDetail.Of(AuditDetails.CaseloadNotReferred));
        HttpContext.ShownAll(AuditTrail.Person, Leads.Select(l => l.PersonId), AuditDetail.Of(AuditDetails.CaseloadLeads));
        HttpContext.ShownAll(AuditTrail.Person, FollowUps.Select(f => f.PersonId), AuditDetail.Of(AuditDetails.CaseloadFollowUps));
        HttpContext.ShownAll(AuditTrail.Person, Expired.Select(e => e.PersonId), AuditDetail.Of(AuditDetails.CaseloadExpired));
        HttpContext.ShownAll(AuditTrail.Person, TermsEnding.Select(t => t.Term.PersonId)
            .Concat(TermsEnding.Where(t => t.Next is not null).Select(t => t.Next!.PersonId)), AuditDetail.Of(AuditDetails.CaseloadTerms));
    }
}
