using System.Globalization;
using Employment.Core.Kiosk;
using Employment.Kiosk.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>The signed-in person's own page: recommendations with reasons, "I'm interested", referrals.</summary>
public sealed class MeModel(KioskPersonal personal, KioskCatalog catalog, IOptions<KioskOptions> options) : KioskPageModel
{
    public KioskMe? Me { get; private set; }
    public IReadOnlyList<KioskRecommendation> Recommendations { get; private set; } = [];
    public IReadOnlyList<KioskReferral> Referrals { get; private set; } = [];
    public IReadOnlyList<KioskLead> Leads { get; private set; } = [];
    /// <summary>The title of the position just marked, for the confirmation.</summary>
    public string? Done { get; private set; }

    protected override bool Personal => true;

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (PersonId is null || (Me = await personal.MeAsync(PersonId, ct)) is null)
        {
            return LocalRedirect("/kiosk/signin");
        }
        Recommendations = await personal.RecommendationsAsync(PersonId, CultureInfo.CurrentCulture, options.Value.Recommendations, ct);
        Referrals = await personal.ReferralsAsync(PersonId, ct);
        Leads = await personal.LeadsAsync(PersonId, ct);
        if (done is not null)
        {
            Done = (await catalog.FindAsync(done, ct))?.Title;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostInterestedAsync(string? positionId, CancellationToken ct)
    {
        if (PersonId is null)
        {
            return LocalRedirect("/kiosk/signin");
        }
        if (positionId is null || !await personal.InterestedAsync(PersonId, positionId, ct))
        {
            return NotFound();
        }
        // Post, then redirect: a reload never sends it twice, and the URL holds no personal data.
        return LocalRedirect("/kiosk/me?done=" + Uri.EscapeDataString(positionId));
    }
}
