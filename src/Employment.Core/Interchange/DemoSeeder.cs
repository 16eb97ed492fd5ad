using Employment.Core.Domain;
using System.Text.Json;
using Employment.Core.Data;
using Employment.Core.Households;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Interchange;

/// <summary>
/// Fills empty tables from seed-data/ (embedded in this assembly): the administrative divisions,
/// and the demo district for a first run. Never touches a table that already has rows.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, DatasetImporter importer, TimeProvider clock)
{
    public async Task<int> SeedDivisionsAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Divisions.AnyAsync(cancellationToken))
        {
            return 0;
        }
        await using var stream = OpenResource("seed/jinjiang.json");
        var doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var root = doc.RootElement;
        var divisions = new List<Division>
        {
            Read(root.GetProperty("province"), null, DivisionLevel.Province),
            Read(root.GetProperty("city"), root.GetProperty("province").GetProperty("code").GetString(), DivisionLevel.City),
            Read(root.GetProperty("district"), root.GetProperty("city").GetProperty("code").GetString(), DivisionLevel.District),
        };
        var districtCode = root.GetProperty("district").GetProperty("code").GetString();
        foreach (var street in root.GetProperty("streets").EnumerateArray())
        {
            divisions.Add(Read(street, districtCode, DivisionLevel.Street));
        }
        db.Divisions.AddRange(divisions);
        await db.SaveChangesAsync(cancellationToken);
        return divisions.Count;
    }

    /// <summary>Loads the demo district when the database holds no household and no position.</summary>
    public async Task<ImportSummary?> SeedDemoDistrictAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Households.AnyAsync(cancellationToken) || await db.Positions.AnyAsync(cancellationToken))
        {
            return null;
        }
        await using var stream = OpenResource("seed/demo-district.json");
        var result = DatasetReader.Read(stream, Taxonomy.Taxonomy.Embedded, clock.Today());
        if (!result.IsValid)
        {
            throw new DatasetException(result.Errors);
        }
        return await importer.ImportAsync(result.Dataset!, cancellationToken);
    }

    private static Division Read(JsonElement e, string? parent, DivisionLevel level) => new()
    {
        Code = e.GetProperty("code").GetString()!,
        Name = e.GetProperty("name").GetString()!,
        ParentCode = parent,
        Level = level,
        Lat = e.TryGetProperty("lat", out var lat) ? lat.GetDouble() : null,
        Lon = e.TryGetProperty("lon", out var lon) ? lon.GetDouble() : null,
    };

    private static Stream OpenResource(string name) =>
        typeof(DemoSeeder).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"seed resource {name} is missing from the build");
}
