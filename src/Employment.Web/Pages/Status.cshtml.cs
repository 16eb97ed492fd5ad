using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Employment.Web.Pages;

/// <summary>
/// The page an empty 4xx/5xx answer is re-executed to (403, 404, 429, ...), in the reader's language.
/// Exempt from rate limiting, or a 429's own page would be refused; any verb, no antiforgery (it
/// changes nothing). Reached directly, it answers 404.
/// </summary>
[AllowAnonymous]
[DisableRateLimiting]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Show(code);

    public void OnPost(int code) => Show(code);

    private void Show(int code)
    {
        var reExecuted = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null;
        Code = reExecuted && code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
    }

    /// <summary>The resource key for the code's title and text; codes without their own words share one.</summary>
    public string Key => Code switch
    {
        400 or 401 or 403 or 404 or 405 or 429 => "Status" + Code,
        >= 500 => "Status500",
        _ => "StatusOther",
    };
}
