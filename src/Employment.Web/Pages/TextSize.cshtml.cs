using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Employment.Web.Pages;

/// <summary>
/// The staff pages' larger-text setting: remembered in a cookie for a year on this browser (a
/// counselor's own office computer or a shared one alike), and back where it came from.
/// </summary>
public sealed class TextSizeModel : PageModel
{
    public const string Cookie = ".Employment.TextSize";
    public const string Large = "large";

    /// <summary>Whether this request asks for larger text.</summary>
    public static bool IsLarge(HttpRequest request) => request.Cookies[Cookie] == Large;

    public IActionResult OnGet(string? size, string? returnUrl)
    {
        if (size == Large)
        {
            Response.Cookies.Append(Cookie, Large,
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        }
        else
        {
            Response.Cookies.Delete(Cookie);
        }
        // Only local paths, as the language switch.
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
