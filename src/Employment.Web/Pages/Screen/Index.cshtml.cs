using System.Globalization;
using Employment.Core.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Screen;

/// <summary>
/// The big screen in the district care center: anonymous, aggregates only. The page reloads its
/// panel from <c>?handler=Panel</c> (wwwroot/js/screen.js); without script a meta refresh reloads it whole.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(ScreenFigures figures, IStringLocalizer<OutcomesResource> text, TimeProvider clock) : PageModel
{
    public ScreenData Data { get; private set; } = null!;

    /// <summary>One district's screen by its division code; without it the store's district, or the city.</summary>
    [BindProperty(SupportsGet = true)] public string? District { get; set; }

    public int RefreshSeconds => figures.Options.RefreshSeconds;

    public int MinimumCount => figures.Options.MinimumCount;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        District = string.IsNullOrWhiteSpace(District) ? null : District.Trim();
        try
        {
            Data = await figures.GetAsync(District, ct);
        }
        catch (Core.Domain.RefusalException refusal) when (refusal.Code == Core.Domain.RefusalCodes.UnknownDistrict)
        {
            return NotFound();
        }
        // A public, changing page: no caching by proxies in between, and no framing by other sites.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnGetPanelAsync(CancellationToken ct) =>
        await OnGetAsync(ct) is PageResult ? Partial("_ScreenPanel", this) : NotFound();

    /// <summary>The name in the title: the district's, or the city's.</summary>
    public string Title => Data.IsCity ? text["WholeCity"] : Data.DistrictName;

    /// <summary>Where the panel reloads from: the same district as the page.</summary>
    public string PanelUrl => "/screen?handler=Panel" + (District is null ? "" : "&district=" + Uri.EscapeDataString(District));

    public string ReturnUrl => Uri.EscapeDataString("/screen" + (District is null ? "" : "?district=" + District));

    /// <summary>A count withheld: the count itself is what is small.</summary>
    public string Withheld => text["Small", MinimumCount];

    /// <summary>
    /// A rate or an average withheld: "少于5" there would read as under 5 % or under 5 days, so it says
    /// that the people it is taken over are too few to publish.
    /// </summary>
    public string WithheldBase => text["SmallBase", MinimumCount];

    /// <summary>The same, short enough for a point on a chart.</summary>
    public string WithheldBaseShort => text["SmallBaseShort", MinimumCount];

    /// <summary>Why anything on the screen is withheld, shown once under the figures when something is.</summary>
    public string WithheldWhy => text["WithheldWhy", MinimumCount];

    public string CountText(ScreenValue v) =>
        v.Withheld ? Withheld : v.Value is { } n ? n.ToString("N0", CultureInfo.CurrentCulture) : text["Empty"];

    public string RateText(ScreenValue v) =>
        v.Withheld ? WithheldBase : v.Value is { } r ? text["Percent", r * 100] : text["Empty"];

    private string RatePointText(ScreenValue v) =>
        v.Withheld ? WithheldBaseShort : v.Value is { } r ? text["Percent", r * 100] : text["Empty"];

    public string DaysText(ScreenValue v) =>
        v.Withheld ? WithheldBase : v.Value is { } d ? d.ToString("N0", CultureInfo.CurrentCulture) : text["Empty"];

    public string ScoreText(ScreenValue v) =>
        v.Withheld ? WithheldBase : v.Value is { } score ? score.ToString("0.0", CultureInfo.CurrentCulture) : text["Empty"];

    public static string MoneyText(decimal value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public string FigureName(string key) => FigureDefinitions.Name(key, CultureInfo.CurrentUICulture);

    public IReadOnlyList<ChartItem> ChannelItems() =>
    [
        new(text["Fair"], Data.Channels[0].Value, CountText(Data.Channels[0])),
        new(text["Referral"], Data.Channels[1].Value, CountText(Data.Channels[1])),
        new(text["Kiosk"], Data.Channels[2].Value, CountText(Data.Channels[2])),
    ];

    public IReadOnlyList<ChartItem> ZeroTrendItems() =>
        Data.ZeroEmploymentTrend.Select(p => new ChartItem(p.Quarter, p.Count.Value, CountText(p.Count))).ToList();

    public IReadOnlyList<ChartItem> ExitTrendItems() =>
        Data.ExitRateTrend.Select(p => new ChartItem(p.Quarter, p.Rate.Value * 100, RatePointText(p.Rate))).ToList();

    public IReadOnlyList<ChartItem> StreetItems() =>
        Data.Streets.Select(s => new ChartItem(s.Street, s.Placements.Value, CountText(s.Placements))).ToList();

    public string QuarterTitle => text["ScreenQuarter", Data.Quarter.Year, Data.Quarter.Number];

    public string Updated => text["UpdatedAt", Employment.Core.Domain.DistrictClock.ToLocal(clock, Data.GeneratedUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)];

    /// <summary>The screen hangs in Chengdu: its clock is China Standard Time, whatever the server's zone.</summary>
}
