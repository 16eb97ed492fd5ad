using Employment.Core.Data;
using Employment.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Households;

/// <summary>A district's two lines (monthly CNY per head) as they stood on some day.</summary>
public readonly record struct LinesInForce(decimal DibaoLine, decimal EdgeLine);

/// <summary>
/// Which district's lines apply, and which of its lines on a day: the one home of both choices. A
/// store holds one district or several; a record's district is the one its key names
/// (<see cref="DistrictKeys"/>), the store's first district being the one of plain keys. A district's
/// lines on a day are its current ones from <see cref="Region.LinesFrom"/> on, before that the
/// history entry in force then (the latest one starting on or before the day; the earliest one for a
/// day before any), so figures and exit checks for a past day use the lines then in force.
/// </summary>
public static class DistrictLines
{
    /// <summary>The store's first district, as a query its caller finishes (tracked or not, first or first-or-default).</summary>
    public static IQueryable<Region> TheDistrict(this IQueryable<Region> regions) => regions.OrderBy(r => r.Id).Take(1);

    /// <summary>The district a record (employer, position, household, person) belongs to, by its stored key.</summary>
    public static IQueryable<Region> DistrictOf(this IQueryable<Region> regions, string recordKey) =>
        regions.WithCode(DistrictKeys.CodeOf(recordKey));

    /// <summary>The district with this division code; the store's first district for null.</summary>
    public static IQueryable<Region> WithCode(this IQueryable<Region> regions, string? code) =>
        code is null ? regions.TheDistrict() : regions.Where(r => r.DivisionCode == code).OrderBy(r => r.Id).Take(1);

    /// <summary>
    /// The district of the query, detached and with <see cref="Region.DibaoLine"/> and
    /// <see cref="Region.EdgeLine"/> set to the lines in force on <paramref name="day"/>; null when
    /// there is no such district. What a page showing or checking a household's lines reads.
    /// </summary>
    public static async Task<Region?> OnAsync(this IQueryable<Region> regions, DateOnly day, CancellationToken ct = default)
    {
        var region = await regions.AsNoTracking().Include(r => r.History).FirstOrDefaultAsync(ct);
        if (region is not null)
        {
            (region.DibaoLine, region.EdgeLine) = On(region, day);
        }
        return region;
    }

    /// <summary>The lines of <paramref name="region"/> (its history loaded) in force on <paramref name="day"/>.</summary>
    public static LinesInForce On(Region region, DateOnly day)
    {
        if (region.LinesFrom is not { } from || day >= from || region.History.Count == 0)
        {
            return new(region.DibaoLine, region.EdgeLine);
        }
        var entry = region.History.Where(h => h.From <= day).MaxBy(h => h.From) ?? region.History.MinBy(h => h.From)!;
        return new(entry.DibaoLine, entry.EdgeLine);
    }

    /// <summary>
    /// New current lines for a district (its history loaded and tracked), in force from
    /// <paramref name="from"/>: the lines they replace go into the history from the day those began,
    /// unless they were in force for no day at all. The admin's page and a dataset import both change
    /// lines through here. Returns false when the lines are the same as before.
    /// </summary>
    public static bool Change(Region region, decimal dibaoLine, decimal edgeLine, DateOnly from)
    {
        if (region.DibaoLine == dibaoLine && region.EdgeLine == edgeLine)
        {
            return false;
        }
        var since = region.LinesFrom ?? DateOnly.MinValue;
        if (since < from)
        {
            region.History.RemoveAll(h => h.From >= since);
            region.History.Add(new RegionLineHistory { RegionId = region.Id, From = since, DibaoLine = region.DibaoLine, EdgeLine = region.EdgeLine });
        }
        region.DibaoLine = dibaoLine;
        region.EdgeLine = edgeLine;
        region.LinesFrom = from;
        return true;
    }

    /// <summary>How the keys of a district's records are written, the store's first district being the default.</summary>
    public static DistrictRef RefOf(Region region, int firstRegionId) => new(region.DivisionCode, region.Id == firstRegionId);
}

/// <summary>
/// Every district of the store with its line history, read once, for work over many households at
/// once (figures, the engine's profiles): a record's district and its lines on a day without a query each.
/// </summary>
public sealed class DistrictBook
{
    private readonly Dictionary<string, Region> _byCode;

    private DistrictBook(List<Region> regions)
    {
        Regions = regions;
        _byCode = regions.Where(r => r.DivisionCode is not null)
            .GroupBy(r => r.DivisionCode!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>The districts in the order they came to the store; the first is the default.</summary>
    public IReadOnlyList<Region> Regions { get; }

    public Region? First => Regions.Count > 0 ? Regions[0] : null;

    public static async Task<DistrictBook> LoadAsync(AppDbContext db, CancellationToken ct = default) =>
        new(await db.Regions.AsNoTracking().Include(r => r.History).OrderBy(r => r.Id).ToListAsync(ct));

    public Region? WithCode(string? code) => code is null ? First : _byCode.GetValueOrDefault(code);

    /// <summary>The store's codes, for a refusal that lists the choices.</summary>
    public string Codes => Regions.Count == 0 ? "-" : string.Join(", ", Regions.Select(r => r.DivisionCode ?? "-"));

    /// <summary>
    /// The district a caller named (an export, a report, the big screen): refused with
    /// <see cref="RefusalCodes.UnknownDistrict"/> when the store has none with that code.
    /// </summary>
    public Region Named(string code) =>
        WithCode(code) ?? throw new RefusalException($"district {code}", "district", RefusalCodes.UnknownDistrict, code, Codes);

    /// <summary>The district of a record by its stored key.</summary>
    public Region? Of(string recordKey) => WithCode(DistrictKeys.CodeOf(recordKey));

    public DistrictRef RefOf(Region region) => DistrictLines.RefOf(region, First?.Id ?? region.Id);

    /// <summary>
    /// The district a division (street or community) lies in: the one whose code begins it, the
    /// longest such code winning; the store's first district when none does (a store whose first
    /// district has no code, or a division outside every district). Where a new record belongs.
    /// </summary>
    public Region? ForDivision(string? divisionCode) =>
        (divisionCode is null ? null
            : Regions.Where(r => r.DivisionCode is { Length: > 0 } code && divisionCode.StartsWith(code, StringComparison.Ordinal))
                .MaxBy(r => r.DivisionCode!.Length))
        ?? First;

    /// <summary>The lines in force on a day for a record's district; null when the store has no such district.</summary>
    public LinesInForce? LinesOn(string recordKey, DateOnly day) => Of(recordKey) is { } region ? DistrictLines.On(region, day) : null;
}
