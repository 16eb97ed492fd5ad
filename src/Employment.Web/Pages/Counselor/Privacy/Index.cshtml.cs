using System.Text;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Privacy;
using Employment.Core.Search;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Counselor.Privacy;

/// <summary>
/// A person's rights over their data (PIPL arts. 44–47): everything held as a printable page and a
/// JSON file, consent to referrals withdrawn, and erasure on request.
/// </summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
[InCounselorArea(CounselorRecord.Person)]
public sealed class IndexModel(AppDbContext db, PersonRights rights, TimeProvider clock,
    IStringLocalizer<TalentPoolResource> text, IStringLocalizer<RefusalResource> refusals) : PageModel
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public bool Confirm { get; set; }

    public PersonFile Held { get; private set; } = null!;
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>The same file as JSON, as a download; the export is audited.</summary>
    public async Task<IActionResult> OnGetJsonAsync(string id, CancellationToken ct)
    {
        if (await db.VisiblePersonAsync(User, id, ct) is null)
        {
            return NotFound();
        }
        var file = await rights.ExportAsync(id, User.Actor(), "download", ct);
        if (file is null)
        {
            return NotFound();
        }
        return File(new UTF8Encoding(false).GetBytes(file.ToJson()), "application/json; charset=utf-8", $"person-{id}.json");
    }

    public async Task<IActionResult> OnPostWithdrawConsentAsync(string id, CancellationToken ct)
    {
        ModelState.Clear();
        if (await db.VisiblePersonAsync(User, id, ct) is null)
        {
            return NotFound();
        }
        var withdrawn = await rights.WithdrawConsentAsync(id, Reason, User.Actor(), ct);
        TempData["Withdrawn"] = withdrawn;
        Done = "ConsentWithdrawn";
        return RedirectToPage(null, null, new { id }, "consent");
    }

    public async Task<IActionResult> OnPostEraseAsync(string id, [FromServices] IndexSynchronizer indexes, CancellationToken ct)
    {
        ModelState.Clear();
        if (await db.VisiblePersonAsync(User, id, ct) is null)
        {
            return NotFound();
        }
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), text["Error_confirm_erase"]);
        }
        else
        {
            try
            {
                db.ChangeTracker.Clear();
                await rights.EraseAsync(id, Reason, User.Actor(), ct);
                // The indexes apply the erase now, not at the indexer's next turn: when the page says
                // "erased", the person is out of both indexes' files as well.
                await indexes.CatchUpAsync(ct);
                Done = "Erased";
                return RedirectToPage(null, null, new { id });
            }
            catch (RefusalException refusal)
            {
                ModelState.AddModelError(refusal.Field == "reason" ? nameof(Reason) : "", refusals.Describe(refusal));
            }
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (await db.VisiblePersonAsync(User, id, ct) is null)
        {
            return false;
        }
        Held = (await PersonFile.BuildAsync(db, id, clock.GetUtcNow().UtcDateTime, ct))!;
        HttpContext.Shown(AuditTrail.Person, id, AuditDetail.Of(AuditDetails.PersonFilePage));
        return true;
    }
}
