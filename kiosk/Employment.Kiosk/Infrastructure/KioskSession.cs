using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Employment.Kiosk.Infrastructure;

/// <summary>
/// The kiosk's own sign-in: a cookie scheme of its own, never the staff scheme, holding only the
/// person id (encrypted by data protection). It is read explicitly by kiosk pages, so a kiosk
/// session is never anybody's identity on a staff page.
/// </summary>
public static class KioskSession
{
    public const string Scheme = "Kiosk";
    public const string CookieName = ".Employment.Kiosk";
    public const string DisplayCookie = "kiosk.display";

    /// <summary>What the finish and the idle reset send: the browser forgets everything of this site.</summary>
    public const string ClearSiteData = "\"cache\", \"cookies\", \"storage\"";

    public static async Task<string?> PersonIdAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        return result.Succeeded ? result.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    }

    public static Task SignInAsync(HttpContext context, string personId)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, personId)], Scheme);
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Ends the session and tells the browser to drop this site's cookies, storage and cache.</summary>
    public static async Task EndAsync(HttpContext context)
    {
        await context.SignOutAsync(Scheme);
        context.Response.Headers["Clear-Site-Data"] = ClearSiteData;
        NoStore(context.Response);
    }

    public static void NoStore(HttpResponse response)
    {
        // "no-cache" too: it is what antiforgery wants on a page with a form, and without it every
        // page view logged a warning that the header was overridden; that one synchronous log line
        // per request was the kiosk's largest cost under load (docs/benchmarks.md, "Kiosk pages").
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
    }
}
