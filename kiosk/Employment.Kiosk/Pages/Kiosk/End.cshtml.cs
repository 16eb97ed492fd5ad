using Employment.Kiosk.Infrastructure;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>
/// "Finish" (a post) and the idle reset (a get, from the script): the session ends and the browser
/// is told to clear this site's cookies, storage and cache. Signing out is the only thing a get
/// here can do, so a forged link can do no more than a person walking away.
/// </summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class EndModel : KioskPageModel
{
    protected override bool EndsSession => true;

    public void OnGet()
    {
    }

    public void OnPost()
    {
    }
}
