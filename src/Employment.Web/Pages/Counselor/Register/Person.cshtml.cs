using Employment.Core.Data;
using Employment.Core.Employers;
using Employment.Core.Households;
using Employment.Core.Interchange;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Counselor.Register;

/// <summary>Corrects a member's record (a new disability certificate, a job found, a mistyped ID number) with history kept.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
[InCounselorArea(CounselorRecord.Person)]
public sealed class PersonModel(AppDbContext db, TalentPoolRegister register,
    IStringLocalizer<TalentPoolResource> text, IStringLocalizer<CounselorResource> counselor, IStringLocalizer<RefusalResource> refusals) : PageModel
{
    [BindProperty] public MemberForm Member { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }

    public Person Person { get; private set; } = null!;
    public IReadOnlyList<RecordChange> History { get; private set; } = [];
    public string? MaskedIdNumber => Person.IdNumber is null ? null : ResidentId.Mask(Person.IdNumber);
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Member = MemberForm.From(Person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors(refusals);
        var person = await db.VisiblePersonAsync(User, id, ct);
        if (person is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            // The ID number is never echoed into the form: an empty field keeps the one on record.
            var input = Member.ToInput();
            if (string.IsNullOrWhiteSpace(input.IdNumber))
            {
                input = input with { IdNumber = person.IdNumber };
            }
            try
            {
                await register.EditPersonAsync(id, input, Reason, User.Actor(), ct);
                Done = "Saved";
                return RedirectToPage(null, null, new { id }, "history");
            }
            catch (FieldErrorsException refusal)
            {
                refusal.Errors.AddTo(ModelState, text, counselor, memberPrefix: nameof(Member));
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", text["Error_changed"]);
            }
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var person = await db.VisiblePersonAsync(User, id, ct);
        if (person is null)
        {
            return false;
        }
        Person = person;
        History = await db.RecordChanges.AsNoTracking().Where(c => c.PersonId == id)
            .OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).ToListAsync(ct);
        HttpContext.Shown(AuditTrail.Person, person.Id, AuditDetail.Of(AuditDetails.PersonEditPage));
        return true;
    }

    public string MemberName(string? personId) => Person.Name;
}
