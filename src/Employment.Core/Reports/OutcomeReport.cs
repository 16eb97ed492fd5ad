using Employment.Core.Placement;

namespace Employment.Core.Reports;

/// <summary>Placements of a quarter by how they came about.</summary>
public sealed record ChannelCounts(int Fair, int Referral, int Kiosk)
{
    public int Of(PlacementChannel channel) => channel switch
    {
        PlacementChannel.Fair => Fair,
        PlacementChannel.Kiosk => Kiosk,
        _ => Referral,
    };
}

/// <summary>One point of the zero-employment trend.</summary>
public sealed record TrendPoint(string Quarter, DateOnly AsOf, int Count);

/// <summary>
/// The figures of one scope (the district or a street) for one quarter. Rates are fractions 0..1,
/// null when their denominator is 0. <see cref="FigureDefinitions"/> says exactly what each one counts.
/// </summary>
public sealed record OutcomeFigures
{
    /// <summary>The street's division code; null for the district (or households with no known street).</summary>
    public string? Code { get; init; }
    public required string Name { get; init; }
    public int Households { get; init; }
    public int DibaoHouseholds { get; init; }
    public int HouseholdsInQuarter { get; init; }
    public int DibaoHouseholdsInQuarter { get; init; }
    public int DibaoHouseholdsNewlyEmployed { get; init; }
    public double? DibaoEmploymentGrowthRate { get; init; }
    public int Exits { get; init; }
    public double? ExitRate { get; init; }
    public int ExitCandidates { get; init; }
    public int HouseholdsInTransition { get; init; }
    public int HouseholdsInIncentive { get; init; }
    public int ZeroEmploymentHouseholds { get; init; }
    public IReadOnlyList<TrendPoint> ZeroEmploymentTrend { get; init; } = [];
    public int Placements { get; init; }
    public required ChannelCounts PlacementsByChannel { get; init; }
    public int PublicWelfarePlacements { get; init; }
    public int FollowUpsDue { get; init; }
    public int FollowUpsOnTime { get; init; }
    public double? FollowUpsOnTimeRate { get; init; }
    public int FirstPlacements { get; init; }
    public double? AverageDaysToPlacement { get; init; }
    public int ReferralsExpired { get; init; }
    public decimal SubsidyCommitted { get; init; }
    public decimal SubsidySpent { get; init; }
    public decimal? SubsidyCap { get; init; }
    public int SatisfactionAnswers { get; init; }
    public double? SatisfactionAverage { get; init; }
    /// <summary>The satisfaction average of the placements of each channel (fair, referral, kiosk); null where nobody answered.</summary>
    public SatisfactionByChannel SatisfactionByChannel { get; init; } = new(null, null, null);
    public int PeopleTrained { get; init; }
    public double? TrainingCompletionRate { get; init; }
    public int TrainedPlacedWithin90Days { get; init; }
    /// <summary>The district's lines in force on the as-of day; null for the city, where each district has its own.</summary>
    public decimal? DibaoLine { get; init; }
    public decimal? EdgeLine { get; init; }
}

/// <summary>Satisfaction (1–5) by how the placement came about.</summary>
public sealed record SatisfactionByChannel(double? Fair, double? Referral, double? Kiosk);

/// <summary>A quarter's figures for the district and each of its streets.</summary>
public sealed record OutcomeReport
{
    public required Quarter Quarter { get; init; }
    /// <summary>The day the figures are taken on: the quarter's last day, or today while the quarter runs.</summary>
    public required DateOnly AsOf { get; init; }
    public required DateTime GeneratedUtc { get; init; }
    /// <summary>The district's figures, or the city's (code null) when <see cref="Districts"/> has rows.</summary>
    public required OutcomeFigures District { get; init; }
    /// <summary>A row per district when the report is the city's; empty for one district.</summary>
    public IReadOnlyList<OutcomeFigures> Districts { get; init; } = [];
    /// <summary>The report is the city's (several districts, none chosen): <see cref="District"/> holds the city's totals.</summary>
    public bool IsCity => Districts.Count > 0;
    /// <summary>Every street of the district, in code order, including streets with nothing to count.</summary>
    public required IReadOnlyList<OutcomeFigures> Streets { get; init; }
    /// <summary>Households whose division code maps to no street; null when there are none.</summary>
    public OutcomeFigures? Unassigned { get; init; }
    public required OutcomeOptions Options { get; init; }
    /// <summary>The first day the program holds anything about (the earliest registration); null for an empty program. Figures for days before it are not zeros but unknown.</summary>
    public DateOnly? DataSince { get; init; }
}
