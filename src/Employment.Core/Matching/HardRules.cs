using Employment.Core.Domain;

namespace Employment.Core.Matching;

/// <summary>The seven rules of the interchange contract ("Who may be matched with what"), numbered as there.</summary>
public enum HardRule
{
    PositionNotOpen = 1,
    SeekerUnavailable = 2,
    DemandBeyondLimits = 3,
    NeedNotOffered = 4,
    TooFar = 5,
    AgeOrEducation = 6,
    Hours = 7,
}

/// <summary>
/// The contract's hard rules as one pure function. The engine verifies its index candidates with
/// it and the exhaustive matcher loops over it, so the two can never disagree on who may match.
/// </summary>
public static class HardRules
{
    /// <summary>What a remote position offers by itself (rule 4).</summary>
    public static readonly IReadOnlySet<string> MetByRemote =
        new HashSet<string>(StringComparer.Ordinal) { "remote_work", "step_free_access", "accessible_toilet", "transport" };

    /// <summary>The first rule that fails, or null when the pair may be matched.</summary>
    public static HardRule? Check(SeekerProfile seeker, PositionProfile position, DateOnly asOf) =>
        Check(seeker, position, asOf, out _);

    /// <summary>As <see cref="Check(SeekerProfile, PositionProfile, DateOnly)"/>, also giving the distance (null for remote).</summary>
    public static HardRule? Check(SeekerProfile seeker, PositionProfile position, DateOnly asOf, out double? distanceKm)
    {
        distanceKm = null;
        if (!PositionAvailable(position, asOf))
        {
            return HardRule.PositionNotOpen;
        }
        if (!SeekerAvailable(seeker))
        {
            return HardRule.SeekerUnavailable;
        }
        foreach (var demand in position.Demands)
        {
            if (Contains(seeker.Limits, demand))
            {
                return HardRule.DemandBeyondLimits;
            }
        }
        foreach (var need in seeker.Needs)
        {
            if (!Offers(position, need))
            {
                return HardRule.NeedNotOffered;
            }
        }
        if (!position.Remote)
        {
            // A non-remote position without a location breaks the contract; it can reach nobody.
            if (position.Location is not { } where)
            {
                return HardRule.TooFar;
            }
            var km = Geo.DistanceKm(seeker.Location, where);
            if (km > seeker.MaxCommuteKm)
            {
                return HardRule.TooFar;
            }
            distanceKm = km;
        }
        if ((position.MinAge is { } min && seeker.Age < min)
            || (position.MaxAge is { } max && seeker.Age > max)
            || (position.MinEducation is { } edu && seeker.Education < edu))
        {
            return HardRule.AgeOrEducation;
        }
        if (seeker.MaxHoursPerWeek is { } hours && position.HoursPerWeek > hours && !OffersShorterHours(position))
        {
            return HardRule.Hours;
        }
        return null;
    }

    public static bool PositionAvailable(PositionProfile position, DateOnly asOf) =>
        position.IsOpen && position.Filled < position.Headcount && (position.ValidUntil is not { } until || until >= asOf);

    public static bool SeekerAvailable(SeekerProfile seeker) =>
        seeker.LaborCapacity != LaborCapacity.None && !seeker.Employed;

    /// <summary>Whether the workplace offers an accommodation, counting what remote work meets by itself.</summary>
    public static bool Offers(PositionProfile position, string accommodation) =>
        Contains(position.Accommodations, accommodation) || (position.Remote && MetByRemote.Contains(accommodation));

    public static bool OffersShorterHours(PositionProfile position) =>
        Contains(position.Accommodations, "part_time") || Contains(position.Accommodations, "flexible_hours");

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
