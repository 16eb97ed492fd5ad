using Employment.Core.Reports;
using Employment.Web.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Employment.Web.Pages.Screen;

/// <summary>A figure for the public: its value, none (nothing to count yet), or withheld (too small to show).</summary>
public readonly record struct ScreenValue(double? Value, bool Withheld)
{
    public static ScreenValue Count(int count, int threshold) =>
        SmallCounts.IsSmall(count, threshold) ? new(null, true) : new(count, false);

    public static ScreenValue Cell(int? suppressed) => suppressed is { } v ? new(v, false) : new(null, true);

    public static ScreenValue Rate(double? rate, int numerator, int denominator, int threshold) =>
        rate is null ? new(null, false)
        : SmallCounts.Rate(rate, numerator, denominator, threshold) is { } shown ? new(shown, false)
        : new(null, true);
}

/// <summary>
/// What the big screen may show: district aggregates and per-street placements, with every small
/// count already withheld. Nothing here can name, locate or single out a person.
/// </summary>
public sealed record ScreenData
{
    public required string DistrictName { get; init; }
    /// <summary>The whole city: <see cref="Streets"/> then holds a bar per district.</summary>
    public bool IsCity { get; init; }
    public required Quarter Quarter { get; init; }
    public required DateOnly AsOf { get; init; }
    public required DateTime GeneratedUtc { get; init; }
    public ScreenValue Households { get; init; }
    public ScreenValue ZeroEmploymentHouseholds { get; init; }
    public ScreenValue Placements { get; init; }
    public ScreenValue PublicWelfarePlacements { get; init; }
    public ScreenValue DibaoEmploymentGrowthRate { get; init; }
    public ScreenValue ExitRate { get; init; }
    public ScreenValue FollowUpsOnTimeRate { get; init; }
    public ScreenValue AverageDaysToPlacement { get; init; }
    /// <summary>The district's satisfaction score, 1 to 5; withheld over a handful of answers, like any average.</summary>
    public ScreenValue SatisfactionAverage { get; init; }
    /// <summary>Public-welfare subsidy spent in the quarter (CNY): a budget figure, about no one person.</summary>
    public decimal SubsidySpent { get; init; }
    /// <summary>Fair, referral, kiosk.</summary>
    public required ScreenValue[] Channels { get; init; }
    public required IReadOnlyList<(string Quarter, ScreenValue Count)> ZeroEmploymentTrend { get; init; }
    public required IReadOnlyList<(string Quarter, ScreenValue Rate)> ExitRateTrend { get; init; }
    public required IReadOnlyList<(string Street, ScreenValue Placements)> Streets { get; init; }
    /// <summary>Set when the trends leave out quarters before the program's first registration (they would read as zeros).</summary>
    public DateOnly? NoDataBefore { get; init; }
}

/// <summary>Builds <see cref="ScreenData"/> for the current quarter; cached briefly, as anyone may ask for it.</summary>
public sealed class ScreenFigures(OutcomeReports reports, IMemoryCache cache, IOptions<ScreenOptions> options)
{
    public ScreenOptions Options => options.Value;

    /// <param name="district">A district's division code; null for the store's one district, or the city with a bar per district.</param>
    public async Task<ScreenData> GetAsync(string? district, CancellationToken cancellationToken)
    {
        var quarter = reports.CurrentQuarter;
        var key = "screen:" + quarter + ":" + district;
        if (cache.TryGetValue(key, out ScreenData? cached) && cached is not null)
        {
            return cached;
        }
        var data = await BuildAsync(quarter, district, cancellationToken);
        // Half the refresh interval: every reload sees figures at most that old, and a crowd of
        // anonymous screens costs one computation per interval.
        cache.Set(key, data, TimeSpan.FromSeconds(Math.Max(5, options.Value.RefreshSeconds / 2)));
        return data;
    }

    private async Task<ScreenData> BuildAsync(Quarter quarter, string? district, CancellationToken ct)
    {
        var k = options.Value.MinimumCount;
        var quarters = quarter.LastQuarters(reports.Options.TrendQuarters);
        var byQuarter = new List<OutcomeReport>();
        foreach (var q in quarters)
        {
            byQuarter.Add(await reports.ForQuarterAsync(q, district, ct));
        }
        var now = byQuarter[^1];
        bool Known(DateOnly asOf) => now.DataSince is not { } since || asOf >= since;
        var d = now.District;
        // The city shows a bar per district where a district shows one per street.
        var bars = now.IsCity ? now.Districts : now.Streets;
        var streetCells = SmallCounts.Suppress(bars.Select(s => s.Placements).ToList(), k);
        return new ScreenData
        {
            DistrictName = d.Name,
            Quarter = quarter,
            AsOf = now.AsOf,
            GeneratedUtc = now.GeneratedUtc,
            Households = ScreenValue.Count(d.Households, k),
            ZeroEmploymentHouseholds = ScreenValue.Count(d.ZeroEmploymentHouseholds, k),
            Placements = ScreenValue.Count(d.Placements, k),
            PublicWelfarePlacements = ScreenValue.Count(d.PublicWelfarePlacements, k),
            DibaoEmploymentGrowthRate = ScreenValue.Rate(d.DibaoEmploymentGrowthRate, d.DibaoHouseholdsNewlyEmployed, d.DibaoHouseholdsInQuarter, k),
            ExitRate = ScreenValue.Rate(d.ExitRate, d.Exits, d.HouseholdsInQuarter, k),
            FollowUpsOnTimeRate = ScreenValue.Rate(d.FollowUpsOnTimeRate, d.FollowUpsOnTime, d.FollowUpsDue, k),
            // An average over a handful of people is close to each one's own figure.
            AverageDaysToPlacement = ScreenValue.Rate(d.AverageDaysToPlacement, d.FirstPlacements, d.FirstPlacements, k),
            SatisfactionAverage = ScreenValue.Rate(d.SatisfactionAverage, d.SatisfactionAnswers, d.SatisfactionAnswers, k),
            SubsidySpent = d.SubsidySpent,
            Channels = SmallCounts.Suppress([d.PlacementsByChannel.Fair, d.PlacementsByChannel.Referral, d.PlacementsByChannel.Kiosk], k)
                .Select(ScreenValue.Cell).ToArray(),
            // A quarter that ended before anything was registered has no figure, not a zero.
            ZeroEmploymentTrend = d.ZeroEmploymentTrend.Where(p => Known(p.AsOf)).Select(p => (p.Quarter, ScreenValue.Count(p.Count, k))).ToList(),
            ExitRateTrend = byQuarter.Where(r => Known(r.AsOf)).Select(r => (r.Quarter.ToString(),
                ScreenValue.Rate(r.District.ExitRate, r.District.Exits, r.District.HouseholdsInQuarter, k))).ToList(),
            NoDataBefore = d.ZeroEmploymentTrend.Any(p => !Known(p.AsOf)) ? now.DataSince : null,
            Streets = bars.Select((s, i) => (s.Name, ScreenValue.Cell(streetCells[i]))).ToList(),
            IsCity = now.IsCity,
        };
    }
}
