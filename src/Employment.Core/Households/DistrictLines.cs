namespace Employment.Core.Households;

/// <summary>
/// Which region's lines apply: the one home of that choice. Today a store holds one district, its
/// first region; the city-wide work (several districts, a line history) changes it here only.
/// </summary>
public static class DistrictLines
{
    /// <summary>The district's region, as a query its caller finishes (tracked or not, first or first-or-default).</summary>
    public static IQueryable<Region> TheDistrict(this IQueryable<Region> regions) => regions.OrderBy(r => r.Id).Take(1);
}
