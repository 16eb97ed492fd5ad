using Employment.Core.Data;
using Employment.Core.Employers;
using Employment.Core.Households;
using Employment.Core.Positions;
using Employment.Core.Review;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Counselor.Review;

/// <summary>One posting as the reviewer reads it: every field, the wording flags, its history; approve or reject with a reason.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class PositionModel(AppDbContext db, PostingReview review, WordingCheck wording, IStringLocalizer<EmployerResource> text) : PageModel
{
    public Position Position { get; private set; } = null!;
    public Core.Positions.Employer Employer { get; private set; } = null!;
    public Division? Division { get; private set; }
    public IReadOnlyList<WordingFlag> Flags { get; private set; } = [];
    public bool English => EmployerPortal.English;

    [BindProperty] public Guid Version { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApproveAsync(string id, CancellationToken ct)
    {
        try
        {
            await review.ApproveAsync(id, Version, User.Actor(), ct);
            TempData["Message"] = "Review_Approved";
            return RedirectToPage("/Counselor/Review/Index");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (FieldErrorsException ex)
        {
            return await RefusedAsync(id, ex, ct);
        }
    }

    public async Task<IActionResult> OnPostRejectAsync(string id, CancellationToken ct)
    {
        try
        {
            await review.RejectAsync(id, Version, Reason, User.Actor(), ct);
            TempData["Message"] = "Review_Rejected";
            return RedirectToPage("/Counselor/Review/Index");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (FieldErrorsException ex)
        {
            return await RefusedAsync(id, ex, ct);
        }
    }

    private async Task<IActionResult> RefusedAsync(string id, FieldErrorsException ex, CancellationToken ct)
    {
        ModelState.Clear();
        ex.Errors.AddTo(ModelState, text, prefix: "");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var position = await db.Positions.AsNoTracking().Include(p => p.History).Include(p => p.Employer).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (position is null)
        {
            return false;
        }
        Position = position;
        Employer = position.Employer!;
        Division = position.DivisionCode is null ? null : await db.Divisions.AsNoTracking().FirstOrDefaultAsync(d => d.Code == position.DivisionCode, ct);
        Flags = wording.Check(new WordingInput(position.Title, position.Description, position.MinAge, position.MaxAge, position.Demands));
        return true;
    }
}
