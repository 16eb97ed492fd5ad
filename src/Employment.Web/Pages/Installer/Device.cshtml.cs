using Employment.Core.Domain;
using Employment.Core.Kiosk;
using Employment.Kiosk;
using Employment.Kiosk.Infrastructure;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Installer;

/// <summary>
/// Where an installer binds a kiosk's browser to its device key, once: the key an administrator
/// issued at /Admin/Kiosks is typed here and kept in a long-lived HttpOnly cookie that
/// <see cref="ClientIdentity"/> reads, so this kiosk gets rate limits of its own. Reachable by
/// its address only (no jobseeker page links here) and asks nothing personal. Posts share the
/// kiosk sign-in's tight rate limit, so keys cannot be guessed at speed. It lives in the web host,
/// beside the refusals' sentences, and wears the kiosk's layout.
/// </summary>
public sealed class DeviceModel(KioskDevices devices, IStringLocalizer<KioskResource> text, IStringLocalizer<RefusalResource> refusals) : KioskPageModel
{
    /// <summary>How long a browser keeps its key: Chromium caps a cookie's life at 400 days.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(400);

    /// <summary>The device this browser's key names now, revoked or not; null when it holds none (or one never issued).</summary>
    public KioskDevice? Bound { get; private set; }

    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(bool bound, bool unbound, CancellationToken ct)
    {
        await ReadBindingAsync(ct);
        Message = bound && Bound is not null ? text["DeviceBoundNow", Bound.Name].Value : unbound ? text["DeviceUnboundNow"].Value : null;
    }

    public async Task<IActionResult> OnPostAsync(string? key, CancellationToken ct)
    {
        try
        {
            await devices.BindAsync(key, ct);
            Response.Cookies.Append(KioskDevices.Cookie, key!.Trim(), new CookieOptions
            {
                HttpOnly = true,
                Secure = Request.IsHttps,
                SameSite = SameSiteMode.Strict,
                IsEssential = true,
                Path = "/",
                MaxAge = KeepFor,
            });
            return RedirectToPage(new { bound = true });
        }
        catch (RefusalException refusal)
        {
            Error = refusals.Describe(refusal);
            await ReadBindingAsync(ct);
            return Page();
        }
    }

    public IActionResult OnPostUnbind()
    {
        Response.Cookies.Delete(KioskDevices.Cookie, new CookieOptions { Path = "/", Secure = Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Strict });
        return RedirectToPage(new { unbound = true });
    }

    private async Task ReadBindingAsync(CancellationToken ct)
    {
        var key = Request.Cookies[KioskDevices.Cookie];
        Bound = string.IsNullOrWhiteSpace(key) || key.Length > KioskDevices.KeyMax ? null : await devices.RecogniseAsync(key, ct);
    }
}
