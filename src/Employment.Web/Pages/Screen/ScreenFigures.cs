using Employment.Core.Reports;
using Employment.Web.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Employment.Web.Pages.Screen;

/// <summary>
/// What the big screen may show: district aggregates and per-street placements, with every small
/// count already withheld (null). Nothing here can name, locate or single out a person.
/// </summary>
public sealed record ScreenData
{
    public required string DistrictName { get; init; }
    public required Quarter Quarter { get; init; }
    public required DateOnly AsOf { get; init; }
    public required DateTime GeneratedUtc { get; init; }
    public int? Households { get; init; }
    public int? ZeroEmploymentHouseholds { get; init; }
    public int? Placements { get; init; }
    public int? PublicWelfarePlacements { get; init; }
    public double? DibaoEmploymentGrowthRate { get; init; }
    public double? ExitRate { get; init; }
    public double? FollowUpsOnTimeRate { get; init; }
    public double? AverageDaysToPlacement { get; init; }
    /// <summary>Fair, referral, kiosk.</summary>
    public required int?[] Channels { get; init; }
    public required IReadOnlyList<(string Quarter, int? Count)> ZeroEmploymentTrend { get; init; }
    public required IReadOnlyList<(string Quarter, double? Rate)> ExitRateTrend { get; init; }
    public required IReadOnlyList<(string Street, int? Placements)> Streets { get; init; }
}

/// <summary>Builds <see cref="ScreenData"/> for the current quarter; cached briefly, as anyone may ask for it.</summary>
public sealed class ScreenFigures(OutcomeReports reports, IMemoryCache cache, IOptions<ScreenOptions> options)
{
    public ScreenOptions Options => options.Value;

    public async Task<ScreenData> GetAsync(CancellationToken cancellationToken)
    {
        var quarter = reports.CurrentQuarter;
        var key = "screen:" + quarter;
        if (cache.TryGetValue(key, out ScreenData? cached) && cached is not null)
        {
            return cached;
        }
        var data = await BuildAsync(quarter, cancellationToken);
        // Half the refresh interval: every reload sees figures at most that old, and a crowd of
        // anonymous screens costs one computation per interval.
        cache.Set(key, data, TimeSpan.FromSeconds(Math.Max(5, options.Value.RefreshSeconds / 2)));
        return data;
    }

    private async Task<ScreenData> BuildAsync(Quarter quarter, CancellationToken ct)
    {
        var k = options.Value.MinimumCount;
        var quarters = quarter.LastQuarters(reports.Options.TrendQuarters);
        var byQuarter = new List<OutcomeReport>();
        foreach (var q in quarters)
        {
            byQuarter.Add(await reports.ForQuarterAsync(q, ct));
        }
        var now = byQuarter[^1];
        var d = now.District;
        int? Count(int value) => SmallCounts.IsSmall(value, k) ? null : value;

        var streetCells = SmallCounts.Suppress(now.Streets.Select(s => s.Placements).ToList(), k);
        return new ScreenData
        {
            DistrictName = d.Name,
            Quarter = quarter,
            AsOf = now.AsOf,
            GeneratedUtc = now.GeneratedUtc,
            Households = Count(d.Households),
            ZeroEmploymentHouseholds = Count(d.ZeroEmploymentHouseholds),
            Placements = Count(d.Placements),
            PublicWelfarePlacements = Count(d.PublicWelfarePlacements),
            DibaoEmploymentGrowthRate = SmallCounts.Rate(d.DibaoEmploymentGrowthRate, d.DibaoHouseholdsNewlyEmployed, d.DibaoHouseholdsInQuarter, k),
            ExitRate = SmallCounts.Rate(d.ExitRate, d.Exits, d.HouseholdsInQuarter, k),
            FollowUpsOnTimeRate = SmallCounts.Rate(d.FollowUpsOnTimeRate, d.FollowUpsOnTime, d.FollowUpsDue, k),
            // An average over a handful of people is close to each one's own figure.
            AverageDaysToPlacement = SmallCounts.IsSmall(d.FirstPlacements, k) ? null : d.AverageDaysToPlacement,
            Channels = SmallCounts.Suppress([d.PlacementsByChannel.Fair, d.PlacementsByChannel.Referral, d.PlacementsByChannel.Kiosk], k),
            ZeroEmploymentTrend = d.ZeroEmploymentTrend.Select(p => (p.Quarter, Count(p.Count))).ToList(),
            ExitRateTrend = byQuarter.Select(r => (r.Quarter.ToString(),
                SmallCounts.Rate(r.District.ExitRate, r.District.Exits, r.District.HouseholdsInQuarter, k))).ToList(),
            Streets = now.Streets.Select((s, i) => (s.Name, streetCells[i])).ToList(),
        };
    }
}
