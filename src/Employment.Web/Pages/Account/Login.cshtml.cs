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
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, TimeProvider clock,
    IStringLocalizer<AccountsResource> text, ILogger<LoginModel> logger) : PageModel
{
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

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByNameAsync(Input.Login.Trim());
        if (user is null)
        {
            ModelState.AddModelError("", text["WrongLogin"]);
            return Page();
        }
        if (user.Disabled)
        {
            ModelState.AddModelError("", text["Disabled"]);
            return Page();
        }
        var check = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            logger.LogWarning("Sign-in locked out for {Login}", user.UserName);
            ModelState.AddModelError("", text["LockedOut"]);
            return Page();
        }
        if (!check.Succeeded)
        {
            ModelState.AddModelError("", text["WrongLogin"]);
            return Page();
        }
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
}
