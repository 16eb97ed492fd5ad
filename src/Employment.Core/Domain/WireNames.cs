namespace Employment.Core.Domain;

/// <summary>
/// The contract's spelling of every enum (interchange.md). One table, so import, export,
/// the API and the CLI can never disagree on a name.
/// </summary>
public static class WireNames
{
    private static readonly Dictionary<HouseholdCategory, string> Categories = new()
    {
        [HouseholdCategory.Dibao] = "dibao",
        [HouseholdCategory.DibaoEdge] = "dibao_edge",
        [HouseholdCategory.Expenditure] = "expenditure",
        [HouseholdCategory.Extreme] = "extreme",
    };

    private static readonly Dictionary<PovertyCause, string> Causes = new()
    {
        [PovertyCause.Illness] = "illness",
        [PovertyCause.Disability] = "disability",
        [PovertyCause.Education] = "education",
        [PovertyCause.LackSkills] = "lack_skills",
        [PovertyCause.LackLabor] = "lack_labor",
        [PovertyCause.Elderly] = "elderly",
        [PovertyCause.Disaster] = "disaster",
        [PovertyCause.Unemployment] = "unemployment",
    };

    public static string ToWire(this HouseholdCategory value) => Categories[value];
    public static string ToWire(this PovertyCause value) => Causes[value];
    public static string ToWire(this LaborCapacity value) => value.ToString().ToLowerInvariant();
    public static string ToWire(this Education value) => value.ToString().ToLowerInvariant();
    public static string ToWire(this DisabilityType value) => value.ToString().ToLowerInvariant();

    public static IReadOnlyCollection<string> AllCategories => Categories.Values;
    public static IReadOnlyCollection<string> AllCauses => Causes.Values;
    public static IReadOnlyCollection<string> AllEducations { get; } = Enum.GetValues<Education>().Select(e => e.ToWire()).ToArray();
    public static IReadOnlyCollection<string> AllLaborCapacities { get; } = Enum.GetValues<LaborCapacity>().Select(e => e.ToWire()).ToArray();
    public static IReadOnlyCollection<string> AllDisabilityTypes { get; } = Enum.GetValues<DisabilityType>().Select(e => e.ToWire()).ToArray();

    public static bool TryParseCategory(string? wire, out HouseholdCategory value) => TryFind(Categories, wire, out value);
    public static bool TryParseCause(string? wire, out PovertyCause value) => TryFind(Causes, wire, out value);
    public static bool TryParseEducation(string? wire, out Education value) => TryLower(wire, out value);
    public static bool TryParseLaborCapacity(string? wire, out LaborCapacity value) => TryLower(wire, out value);
    public static bool TryParseDisabilityType(string? wire, out DisabilityType value) => TryLower(wire, out value);

    private static bool TryFind<T>(Dictionary<T, string> table, string? wire, out T value) where T : struct, Enum
    {
        foreach (var (key, name) in table)
        {
            if (name == wire)
            {
                value = key;
                return true;
            }
        }
        value = default;
        return false;
    }

    // Only the exact lower-case contract names are accepted: "Full" or "1" are not the contract's.
    private static bool TryLower<T>(string? wire, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (candidate.ToString().ToLowerInvariant() == wire)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
