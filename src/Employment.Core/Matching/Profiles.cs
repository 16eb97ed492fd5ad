using Employment.Core.Domain;

namespace Employment.Core.Matching;

// What the engine knows of a position and of a seeker. These are the engine's whole input: the
// web app builds them from the database, `employment match` from a dataset, the benchmark from a
// generator. Keeping them plain records is what lets the index and the exhaustive scorer be
// compared on the same data.

public readonly record struct GeoPoint(double Lat, double Lon);

public readonly record struct SkillLevel(string Code, int Level);

/// <summary>
/// The region's monthly per-capita lines in CNY (低保 line, edge line): the store's first district's,
/// with every other district's in <see cref="Districts"/> (by division code), since each district's
/// lines apply to its own households. The ranker weighs a seeker against <see cref="For"/> their household.
/// </summary>
public sealed record RegionLines(double DibaoLine, double EdgeLine)
{
    private RegionLines? _lowest;

    /// <summary>Lines by district code, for households whose key names a district; null in a one-district store.</summary>
    public IReadOnlyDictionary<string, RegionLines>? Districts { get; init; }

    /// <summary>The lines of the household with this stored key.</summary>
    public RegionLines For(string householdKey) =>
        Districts is { Count: > 0 } districts && DistrictKeys.CodeOf(householdKey) is { } code && districts.TryGetValue(code, out var lines)
            ? lines : this;

    /// <summary>The lowest of every district's lines: what a bound on the pay feature over many households may assume.</summary>
    public RegionLines Lowest => _lowest ??= Districts is not { Count: > 0 } districts ? this
        : new(Math.Min(DibaoLine, districts.Values.Min(l => l.DibaoLine)), Math.Min(EdgeLine, districts.Values.Min(l => l.EdgeLine)));
}

public sealed record PositionProfile
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required string EmployerId { get; init; }
    public string? EmployerName { get; init; }
    public bool PublicWelfare { get; init; }
    public int Headcount { get; init; } = 1;
    public int Filled { get; init; }
    public double MonthlyWage { get; init; }
    public double HoursPerWeek { get; init; } = 40;
    public bool Remote { get; init; }
    /// <summary>Null only for a remote position.</summary>
    public GeoPoint? Location { get; init; }
    public string? DivisionCode { get; init; }
    public IReadOnlyList<string> RequiredSkills { get; init; } = [];
    public IReadOnlyList<string> PreferredSkills { get; init; } = [];
    public IReadOnlyList<string> Accommodations { get; init; } = [];
    public IReadOnlyList<string> Demands { get; init; } = [];
    public int? MinAge { get; init; }
    public int? MaxAge { get; init; }
    public Education? MinEducation { get; init; }
    public DateOnly? ValidUntil { get; init; }
    /// <summary>Open in the contract's sense of status: approved and not closed.</summary>
    public bool IsOpen { get; init; } = true;
    /// <summary>When it went live; for "newest first" sorting.</summary>
    public DateTime? PublishedUtc { get; init; }
}

/// <summary>What ranking may use of a seeker's household: never shown, only weighed.</summary>
public sealed record HouseholdFacts(HouseholdCategory? Category, int Size, double MonthlyIncome, bool ZeroEmployment);

public sealed record SeekerProfile
{
    public required string Id { get; init; }
    public required string HouseholdId { get; init; }
    public int Age { get; init; }
    public LaborCapacity LaborCapacity { get; init; } = LaborCapacity.Full;
    public bool Employed { get; init; }
    public Education Education { get; init; }
    public IReadOnlyList<SkillLevel> Skills { get; init; } = [];
    public DisabilityType? DisabilityType { get; init; }
    public int? DisabilityGrade { get; init; }
    public IReadOnlyList<string> Limits { get; init; } = [];
    public IReadOnlyList<string> Needs { get; init; } = [];
    public bool PrefersRemote { get; init; }
    public double MaxCommuteKm { get; init; } = 10;
    public double? MaxHoursPerWeek { get; init; }
    public double? DesiredWage { get; init; }
    public required GeoPoint Location { get; init; }
    public string? DivisionCode { get; init; }
    /// <summary>Free text: the employment intention from the four-clear ledger, in the person's words.</summary>
    public string? Intention { get; init; }
    public required HouseholdFacts Household { get; init; }
    /// <summary>For the counselor's search only (name, street, causes, last referral); null where nobody searches.</summary>
    public SeekerListing? Listing { get; init; }
}
