using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Employment.Core.Data;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, TimeProvider clock,
    IStringLocalizer<AccountsResource> text, ILogger<LoginModel> logger, SignInGuard guard, AppDbContext db) : PageModel
{
    // Verified for a login that does not exist, so it costs what a real one costs (one per hashing cost).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> DummyHashes = new();

    private static string DummyHash(UserManager<AppUser> users) =>
        DummyHashes.GetOrAdd(users.PasswordHasher.GetType(), _ => users.PasswordHasher.HashPassword(null!, "unused-" + Guid.NewGuid()));

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required"), MaxLength(100)] public string Login { get; set; } = "";
        [Required(ErrorMessage = "Required"), MaxLength(200)] public string Password { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var address = RateLimits.ClientKey(HttpContext);
        if (guard.WaitFor(address) is { } wait && wait > TimeSpan.Zero)
        {
            // Before any account is looked at: the address's own back-off, the same for every login.
            ModelState.AddModelError("", text["WaitBeforeRetry", (int)Math.Ceiling(wait.TotalSeconds)]);
            return Page();
        }
        var login = Input.Login.Trim();
        // One attempt at a time per login: parallel posts are each counted, the sixth is refused.
        using var turn = await guard.SerializeAsync(login, ct);
        var user = await users.FindByNameAsync(login);
        if (user is null)
        {
            // The same hash work and the same words as a real account, lockout included.
            var locked = guard.UnknownIsLocked(login);
            users.PasswordHasher.VerifyHashedPassword(null!, DummyHash(users), Input.Password);
            if (!locked)
            {
                guard.Failed(address);
                locked = guard.UnknownFailed(login);
            }
            ModelState.AddModelError("", text[locked ? "LockedOut" : "WrongLogin"]);
            return Page();
        }
        var check = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            if (await users.GetAccessFailedCountAsync(user) == 0 && !await WasLockedAlreadyAsync(user, ct))
            {
                await TellAdminsAsync(user, address, ct);
            }
            logger.LogWarning("Sign-in locked out for {Login}", user.UserName);
            ModelState.AddModelError("", text["LockedOut"]);
            return Page();
        }
        if (!check.Succeeded)
        {
            guard.Failed(address);
            ModelState.AddModelError("", text["WrongLogin"]);
            return Page();
        }
        // Only someone who knows the password learns the account is disabled.
        if (user.Disabled)
        {
            ModelState.AddModelError("", text["Disabled"]);
            return Page();
        }
        guard.Succeeded(address);
        var start = clock.GetUtcNow().UtcDateTime.Ticks.ToString(CultureInfo.InvariantCulture);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AccessClaims.SessionStart, start)]);
        logger.LogInformation("{Login} signed in", user.UserName);
        if (Url.IsLocalUrl(ReturnUrl))
        {
            return LocalRedirect(ReturnUrl!);
        }
        // An employer's work is on their own portal; the public home page is a dead end for them.
        return LocalRedirect(await users.IsInRoleAsync(user, Roles.Employer) ? "/Employer" : "/");
    }

    // The lock this attempt saw may be one an earlier attempt already reported.
    private async Task<bool> WasLockedAlreadyAsync(AppUser user, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime - Core.Accounts.AccountPolicy.LockoutTime;
        return await db.AuditLog.AnyAsync(a => a.Action == AccountLockedAction && a.EntityId == user.Id && a.AtUtc >= since, ct);
    }

    /// <summary>The audit action an admin's pages list as "accounts under attack".</summary>
    public const string AccountLockedAction = "account.locked";

    private async Task TellAdminsAsync(AppUser user, string address, CancellationToken ct)
    {
        new AuditTrail(db, clock).Add("sign-in", AccountLockedAction, "account", user.Id, AuditDetail.Of(AuditDetails.AccountLocked, user.UserName, address));
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Account {Login} locked after repeated wrong passwords (last from {Address})", user.UserName, address);
    }
}
