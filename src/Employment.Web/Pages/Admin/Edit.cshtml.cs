using Employment.Core.Accounts;
using Employment.Core.Data;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Admin;

/// <summary>
/// One account: its name, areas or employer; disable/enable (sessions end at once); a password
/// reset whose new password shows once. Every change ends the account's sessions (new security
/// stamp), so new areas or a new employer take effect at once, never alongside the old claims.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class EditModel(AppDbContext db, UserManager<AppUser> users, UserAccounts accounts, AuditTrail audit,
    IStringLocalizer<AdminResource> text) : PageModel
{
    public sealed class InputModel
    {
        public string? DisplayName { get; set; }
        public List<string> Areas { get; set; } = [];
        public string? EmployerId { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public AppUser Account { get; private set; } = null!;
    public string? Role { get; private set; }
    public AccountChoices Choices { get; private set; } = new([], []);
    public string? NewPassword { get; private set; }
    [TempData] public string? Message { get; set; }
    public bool IsSelf => Account.UserName == User.Identity?.Name;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input = new InputModel { DisplayName = Account.DisplayName, Areas = Account.Areas.ToList(), EmployerId = Account.EmployerId };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        var areas = Input.Areas.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToList();
        if (Input.DisplayName is { Length: > 100 })
        {
            ModelState.AddModelError("Input.DisplayName", text["TooLong", 100]);
        }
        if (Role == Roles.Counselor && areas.Count == 0)
        {
            ModelState.AddModelError("Input.Areas", text["AreasRequired"]);
        }
        // A city officer's areas are the records they are granted: none is a valid choice.
        if (Role is Roles.Counselor or Roles.City)
        {
            foreach (var unknown in await Core.Accounts.UserAccounts.UnknownAreasAsync(db, areas, ct))
            {
                ModelState.AddModelError("Input.Areas", text["AreaUnknown", unknown]);
            }
        }
        if (Role == Roles.Employer && (string.IsNullOrEmpty(Input.EmployerId) || !await db.Employers.AnyAsync(e => e.Id == Input.EmployerId, ct)))
        {
            ModelState.AddModelError("Input.EmployerId", text["EmployerRequired"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Account.DisplayName = string.IsNullOrWhiteSpace(Input.DisplayName) ? Account.UserName : Input.DisplayName.Trim();
        if (Role is Roles.Counselor or Roles.City)
        {
            Account.Areas = areas;
        }
        if (Role == Roles.Employer)
        {
            Account.EmployerId = Input.EmployerId;
        }
        await users.UpdateAsync(Account);
        await users.UpdateSecurityStampAsync(Account);
        audit.Add(User.Actor(), "account.update", "account", Account.UserName!,
            Role is Roles.Counselor or Roles.City ? AuditDetail.Of(AuditDetails.AccountAreas, string.Join(",", areas)) : Role == Roles.Employer ? AuditDetail.Of(AuditDetails.AccountEmployer, Account.EmployerId) : null);
        await db.SaveChangesAsync(ct);
        Message = text["Saved"];
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) => SetDisabledAsync(id, true, ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) => SetDisabledAsync(id, false, ct);

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var password = Accounts.NewPassword();
        var token = await users.GeneratePasswordResetTokenAsync(Account);
        var reset = await users.ResetPasswordAsync(Account, token, password);
        if (!reset.Succeeded)
        {
            ModelState.AddModelError("", text["AccountRefused"]);
            return Page();
        }
        // The reset also lifts a lockout from failed sign-ins (not a disable: that stays until enabled).
        await users.ResetAccessFailedCountAsync(Account);
        if (!Account.Disabled)
        {
            await users.SetLockoutEndDateAsync(Account, null);
        }
        audit.Add(User.Actor(), "account.reset-password", "account", Account.UserName!);
        await db.SaveChangesAsync(ct);
        NewPassword = password;
        Input = new InputModel { DisplayName = Account.DisplayName, Areas = Account.Areas.ToList(), EmployerId = Account.EmployerId };
        Response.Headers.CacheControl = "no-cache, no-store";
        return Page();
    }

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (IsSelf && disabled)
        {
            // An admin who disables themselves could leave the system with nobody to turn it back on.
            ModelState.AddModelError("", text["CannotDisableSelf"]);
            Input = new InputModel { DisplayName = Account.DisplayName, Areas = Account.Areas.ToList(), EmployerId = Account.EmployerId };
            return Page();
        }
        await accounts.SetDisabledAsync(Account, disabled);
        audit.Add(User.Actor(), disabled ? "account.disable" : "account.enable", "account", Account.UserName!);
        await db.SaveChangesAsync(ct);
        Message = disabled ? text["DisabledNow"] : text["EnabledNow"];
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(id);
        if (account is null)
        {
            return false;
        }
        Account = account;
        Role = (await users.GetRolesAsync(account)).FirstOrDefault();
        Choices = await AccountChoices.LoadAsync(db, ct);
        return true;
    }
}
