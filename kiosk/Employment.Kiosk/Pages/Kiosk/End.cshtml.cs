using Employment.Kiosk.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>
/// "Finish" and the idle reset: a post with the antiforgery token ends the session and tells the
/// browser to clear this site's cookies, storage and cache. A get only shows the page (with the
/// finish button while a session is open): a link on any other page cannot sign anyone out.
/// </summary>
public sealed class EndModel : KioskPageModel
{
    protected override bool EndsSession => HttpMethods.IsPost(Request.Method);

    /// <summary>True when this answer ended the session (or there was none): the page says it is over.</summary>
    public bool Ended => EndsSession || !SignedIn;

    public void OnGet()
    {
    }

    public void OnPost()
    {
    }
}
