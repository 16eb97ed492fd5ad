using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Kiosk;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Admin;

/// <summary>
/// Kiosk device keys: an admin issues one per kiosk (shown once, stored hashed) and revokes it; a
/// kiosk sending its key gets its own rate limits even behind a NAT shared with other kiosks.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class KiosksModel(KioskDevices devices, IStringLocalizer<RefusalResource> refusals) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    public IReadOnlyList<KioskDevice> Devices { get; private set; } = [];
    /// <summary>The key just issued: shown on this one answer only, never stored.</summary>
    public string? IssuedKey { get; private set; }
    [TempData] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Devices = await devices.ListAsync(ct);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        try
        {
            var (_, key) = await devices.IssueAsync(Name, User.Actor(), ct);
            IssuedKey = key;
            Name = null;
        }
        catch (RefusalException refusal)
        {
            ModelState.AddModelError(nameof(Name), refusals.Describe(refusal));
        }
        Devices = await devices.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        if (!await devices.RevokeAsync(id, User.Actor(), ct))
        {
            return NotFound();
        }
        Done = "KioskRevoked";
        return RedirectToPage();
    }
}
