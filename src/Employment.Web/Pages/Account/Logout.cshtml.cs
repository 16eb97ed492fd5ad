using Employment.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Employment.Web.Pages.Account;

/// <summary>
/// Sign-out is a POST (with the antiforgery token), so a link on another site cannot do it. It ends
/// the session on the server, not only in this browser: a new security stamp fails the check every
/// request makes (Accounts.AddAccounts), so a copy of the old cookie opens nothing. That ends the
/// account's other sessions too, which is what "sign out" should mean on shared office computers.
/// </summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        return LocalRedirect("/Account/Login");
    }
}
