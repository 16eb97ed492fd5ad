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

/// <summary>Registers a newly certified household and its members in the counselor's own area.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class IndexModel(AppDbContext db, TalentPoolRegister register, IStringLocalizer<TalentPoolResource> text,
    IStringLocalizer<CounselorResource> counselor, IStringLocalizer<RefusalResource> refusals) : PageModel
{
    /// <summary>Rows offered for members; blank rows are not members.</summary>
    public const int MemberRows = 4;

    [BindProperty] public HouseholdForm Input { get; set; } = new();
    [BindProperty] public List<MemberForm> Members { get; set; } = [];

    public IReadOnlyList<Division> Streets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors(refusals);
        var members = Members.Where(m => !m.IsBlank).ToList();
        // The street must be the counselor's own: another street's household is not theirs to register.
        if (!string.IsNullOrWhiteSpace(Input.DivisionCode) && !User.Scope().Covers(Input.DivisionCode.Trim()))
        {
            ModelState.AddModelError("Input.DivisionCode", text["Error_not_your_area"]);
        }
        if (ModelState.IsValid)
        {
            // Blank rows dropped, the rest renumbered: Core's Members[i] is the i-th filled row, which is what is shown again.
            Members = members;
            try
            {
                var household = await register.RegisterAsync(Input.ToInput(), members.Select(m => m.ToInput()).ToList(), User.Actor(), ct);
                TempData["Done"] = "Registered";
                return RedirectToPage("/Counselor/Household", new { id = household.Id });
            }
            catch (FieldErrorsException refusal)
            {
                refusal.Errors.AddTo(ModelState, text, counselor);
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public static string RowPrefix(int i) => "Members[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    private async Task LoadAsync(CancellationToken ct)
    {
        var streets = await db.Divisions.AsNoTracking()
            .Where(d => (d.Level == DivisionLevel.Street || d.Level == DivisionLevel.Community) && d.Lat != null && d.Lon != null)
            .OrderBy(d => d.Code).ToListAsync(ct);
        Streets = streets.Where(d => User.Scope().Covers(d.Code)).ToList();
        while (Members.Count < MemberRows)
        {
            Members.Add(new MemberForm());
        }
    }
}
