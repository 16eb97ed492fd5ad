namespace Employment.Core.Matching;

/// <summary>
/// How much each explainable feature weighs in the score, and the few constants of the features.
/// The score is the weighted mean of the features, so it stays in 0..1 whatever the weights.
/// </summary>
public sealed record RankingWeights
{
    public double Skills { get; init; } = 0.40;
    public double Accommodation { get; init; } = 0.10;
    public double Location { get; init; } = 0.20;
    public double Pay { get; init; } = 0.15;
    public double Priority { get; init; } = 0.15;
    /// <summary>Counted only when the request has a query.</summary>
    public double Text { get; init; } = 0.20;

    /// <summary>Credit for a related skill, as a share of the credit for the skill itself.</summary>
    public double RelatedCredit { get; init; } = 0.4;
    /// <summary>Location feature of a remote position for someone who did not ask for remote work.</summary>
    public double RemoteNeutral { get; init; } = 0.5;
    /// <summary>Monthly wage that counts as fully satisfying when a seeker names no desired wage.</summary>
    public double ReferenceWage { get; init; } = 3000;
    /// <summary>
    /// What is left of the score of a position whose required licence (B2 驾驶证, 电工证 …) the person
    /// lacks: the law bars them until they hold it, so it ranks after the positions they can take.
    /// </summary>
    public double MissingLicenceFactor { get; init; } = 0.2;
    /// <summary>What is left of the score of a long week (over <see cref="FullWeekHours"/>) for a person of partial capacity who named no limit.</summary>
    public double LongWeekFactor { get; init; } = 0.6;
    public double FullWeekHours { get; init; } = 40;
    /// <summary>How many best text matches get a text feature (normalised by the best of them).</summary>
    public int TextWindow { get; init; } = 200;

    public static RankingWeights Default { get; } = new();
}

/// <summary>The features behind a score, each in 0..1: for explaining a rank and for tuning the weights.</summary>
public readonly record struct MatchFeatures(
    double Skills,
    double Accommodation,
    double Location,
    double Pay,
    double Priority,
    double Text,
    /// <summary>
    /// The share of the score a bar leaves (1 when nothing bars the pair): a missing required licence,
    /// a long week for partial capacity. Only ever lowers a score, so the search's bounds (taken at 1) hold.
    /// </summary>
    double Gate = 1);

/// <summary>What a counselor asks for: how many, on which day, optionally in whose words, under which lines.</summary>
public sealed record MatchRequest
{
    public int Top { get; init; } = 10;
    /// <summary>The day the match rules are judged on: the caller's district day (never the server's).</summary>
    public required DateOnly AsOf { get; init; }
    /// <summary>Free text, one more signal: never a filter.</summary>
    public string? Query { get; init; }
    public required RegionLines Lines { get; init; }
}

/// <summary>A position found for a seeker.</summary>
public sealed record PositionMatch(string Id, double Score, double? DistanceKm, IReadOnlyList<MatchReason> Reasons, MatchFeatures Features);

/// <summary>A seeker found for a position.</summary>
public sealed record SeekerMatch(string Id, double Score, double? DistanceKm, IReadOnlyList<MatchReason> Reasons, MatchFeatures Features);
