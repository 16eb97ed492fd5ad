using System.Globalization;
using Employment.Core.Kiosk;
using Employment.Kiosk.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>The signed-in person's own page: recommendations with reasons, "I'm interested", referrals.</summary>
public sealed class MeModel(KioskPersonal personal, KioskCatalog catalog, Employment.Core.Placement.SatisfactionSurveys surveys,
    IOptions<KioskOptions> options, Microsoft.Extensions.Localization.IStringLocalizer<KioskResource> text) : KioskPageModel
{
    public KioskMe? Me { get; private set; }
    public IReadOnlyList<KioskRecommendation> Recommendations { get; private set; } = [];
    public IReadOnlyList<KioskReferral> Referrals { get; private set; } = [];
    public IReadOnlyList<KioskLead> Leads { get; private set; } = [];
    /// <summary>Openings that became one of the person's best matches since the visit before this one.</summary>
    public IReadOnlyList<KioskPosition> NewOpenings { get; private set; } = [];
    /// <summary>The placement a placed person is asked about (满意度); null when there is nothing to ask.</summary>
    public long? SurveyPlacement { get; private set; }
    public bool SurveyThanks { get; private set; }
    public static readonly int[] Scale = [1, 2, 3, 4, 5];
    /// <summary>The title of the position just marked, for the confirmation.</summary>
    public string? Done { get; private set; }
    /// <summary>Who will call about it, in words (<see cref="KioskLeadText"/>).</summary>
    public string? DoneText { get; private set; }

    protected override bool Personal => true;

    public async Task<IActionResult> OnGetAsync(string? done, bool thanks, CancellationToken ct)
    {
        if (PersonId is null || (Me = await personal.MeAsync(PersonId, ct)) is null)
        {
            return LocalRedirect("/kiosk/signin");
        }
        NewOpenings = await personal.NewSinceLastVisitAsync(PersonId, ct);
        SurveyPlacement = await personal.PlacementToSurveyAsync(PersonId, ct);
        SurveyThanks = thanks;
        Recommendations = await personal.RecommendationsAsync(PersonId, CultureInfo.CurrentCulture, options.Value.Recommendations, ct);
        Referrals = await personal.ReferralsAsync(PersonId, ct);
        Leads = await personal.LeadsAsync(PersonId, ct);
        if (done is not null)
        {
            Done = (await catalog.FindAsync(done, ct))?.Title;
            if (Done is not null)
            {
                DoneText = KioskLeadText.Sent(text, await personal.LeadRouteAsync(PersonId, ct), options.Value.ServiceDesk, Done);
            }
        }
        return Page();
    }

    /// <summary>A placed person's answer: three scores from 1 to 5, one touch each.</summary>
    public async Task<IActionResult> OnPostSurveyAsync(int job, int pay, int service, CancellationToken ct)
    {
        if (PersonId is null)
        {
            return LocalRedirect("/kiosk/signin");
        }
        if (await personal.PlacementToSurveyAsync(PersonId, ct) is not { } placement || !Scale.Contains(job) || !Scale.Contains(pay) || !Scale.Contains(service))
        {
            return LocalRedirect("/kiosk/me");
        }
        await surveys.RecordAsync(placement, Employment.Core.Placement.SurveySource.Kiosk, new Employment.Core.Placement.SurveyInput(job, pay, service, null), "kiosk", ct: ct);
        return LocalRedirect("/kiosk/me?thanks=true");
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
