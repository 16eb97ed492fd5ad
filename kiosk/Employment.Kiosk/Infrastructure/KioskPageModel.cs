using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Employment.Kiosk.Infrastructure;

/// <summary>What the layout needs to know about the screen: language, display mode, session, idle timer.</summary>
public sealed record KioskChrome(bool SignedIn, bool Large, bool Contrast, bool English, bool IdleActive, int IdleSeconds, int WarningSeconds, bool Personal);

/// <summary>
/// Every kiosk page: reads the kiosk session (never the staff one), marks the response
/// no-store so nothing of a session stays in the browser's cache or back-history, and fills
/// <see cref="KioskChrome"/> for the layout.
/// </summary>
public abstract class KioskPageModel : PageModel
{
    public const string ChromeKey = "Kiosk.Chrome";

    /// <summary>The signed-in person, from the kiosk cookie; null for anonymous browsing.</summary>
    public string? PersonId { get; private set; }

    public bool SignedIn => PersonId is not null;

    /// <summary>True where the page shows the person's own data.</summary>
    protected virtual bool Personal => false;

    /// <summary>The home page alone does not reset after idle while nothing was chosen there.</summary>
    protected virtual bool IsHome => false;

    /// <summary>The finish and reset page: the session ends before anything is rendered.</summary>
    protected virtual bool EndsSession => false;

    public bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        KioskSession.NoStore(Response);
        var display = Request.Cookies[KioskSession.DisplayCookie] ?? "";
        if (EndsSession)
        {
            await KioskSession.EndAsync(HttpContext);
            Response.Cookies.Delete(KioskSession.DisplayCookie, new Microsoft.AspNetCore.Http.CookieOptions { Path = "/kiosk" });
            display = "";
        }
        else
        {
            PersonId = await KioskSession.PersonIdAsync(HttpContext);
        }
        var options = HttpContext.RequestServices.GetRequiredService<IOptions<KioskOptions>>().Value;
        var large = display.Contains("large", StringComparison.Ordinal);
        var contrast = display.Contains("contrast", StringComparison.Ordinal);
        var idle = !EndsSession && (SignedIn || !IsHome || large || contrast || English);
        ViewData[ChromeKey] = new KioskChrome(SignedIn, large, contrast, English, idle, options.IdleSeconds, options.WarningSeconds, Personal);
        await next();
    }
}
