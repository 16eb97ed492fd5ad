namespace Employment.Core.Matching;

/// <summary>Great-circle distance, the one the contract's rule 5 speaks of.</summary>
public static class Geo
{
    private const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        var dLat = ToRadians(b.Lat - a.Lat);
        var dLon = ToRadians(b.Lon - a.Lon);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(ToRadians(a.Lat)) * Math.Cos(ToRadians(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}

/// <summary>
/// A fixed lat/lon grid. Cells are indexed as exact terms so that "near here" becomes a handful
/// of term look-ups instead of numeric ranges spanning half the city.
/// </summary>
internal sealed class GeoGrid(double cellLatDegrees, double cellLonDegrees)
{
    /// <summary>About 2.2 × 2.4 km around Chengdu: fine enough to rank by distance.</summary>
    public static readonly GeoGrid Fine = new(0.02, 0.025);

    /// <summary>About 5.5 × 6 km: a seeker's reach is listed in these, few enough to index.</summary>
    public static readonly GeoGrid Coarse = new(0.05, 0.0625);

    public (int X, int Y) CellOf(GeoPoint p) =>
        ((int)Math.Floor(p.Lon / cellLonDegrees), (int)Math.Floor(p.Lat / cellLatDegrees));

    public static string Term((int X, int Y) cell) => string.Create(null, stackalloc char[24], $"{cell.X}:{cell.Y}");

    /// <summary>
    /// A lower bound of the distance from <paramref name="p"/> to any point of the cell: the
    /// distance to the nearest point of the cell's rectangle, shaved so rounding never makes it exceed
    /// the true distance.
    /// </summary>
    public double MinDistanceKm(GeoPoint p, (int X, int Y) cell)
    {
        var lat0 = cell.Y * cellLatDegrees;
        var lon0 = cell.X * cellLonDegrees;
        var nearest = new GeoPoint(Math.Clamp(p.Lat, lat0, lat0 + cellLatDegrees), Math.Clamp(p.Lon, lon0, lon0 + cellLonDegrees));
        return Math.Max(0, Geo.DistanceKm(p, nearest) * 0.995 - 0.01);
    }

    /// <summary>Cells with some point within <paramref name="radiusKm"/> of <paramref name="p"/>, with that lower bound.</summary>
    public IEnumerable<((int X, int Y) Cell, double MinKm)> CellsWithin(GeoPoint p, double radiusKm)
    {
        var center = CellOf(p);
        var dy = (int)Math.Ceiling(radiusKm / (cellLatDegrees * 110.5)) + 1;
        var cos = Math.Max(0.05, Math.Cos((Math.Abs(p.Lat) + dy * cellLatDegrees) * Math.PI / 180));
        var dx = (int)Math.Ceiling(radiusKm / (cellLonDegrees * 111.0 * cos)) + 1;
        for (var y = center.Y - dy; y <= center.Y + dy; y++)
        {
            for (var x = center.X - dx; x <= center.X + dx; x++)
            {
                var min = MinDistanceKm(p, (x, y));
                if (min <= radiusKm)
                {
                    yield return ((x, y), min);
                }
            }
        }
    }
}
