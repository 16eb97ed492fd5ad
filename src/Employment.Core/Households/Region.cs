using System.ComponentModel.DataAnnotations;

namespace Employment.Core.Households;

/// <summary>
/// A district the program runs in (a store holds one or many) and its lines (monthly CNY per head).
/// <see cref="DibaoLine"/> and <see cref="EdgeLine"/> are the current lines, in force from
/// <see cref="LinesFrom"/> (null: as long as the store knows); <see cref="History"/> holds the lines in
/// force before them. Which lines apply on a day is <see cref="DistrictLines"/>'s to say.
/// </summary>
public sealed class Region
{
    public int Id { get; set; }
    [MaxLength(100)] public required string Name { get; set; }
    [MaxLength(12)] public string? DivisionCode { get; set; }
    public decimal DibaoLine { get; set; }
    public decimal EdgeLine { get; set; }
    /// <summary>The first day the current lines are in force; null when no earlier lines are known.</summary>
    public DateOnly? LinesFrom { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public List<RegionLineHistory> History { get; set; } = [];
}

/// <summary>Lines a district had before its current ones, in force from <see cref="From"/> to the next entry (or the current lines).</summary>
public sealed class RegionLineHistory
{
    public long Id { get; set; }
    public int RegionId { get; set; }
    public DateOnly From { get; set; }
    public decimal DibaoLine { get; set; }
    public decimal EdgeLine { get; set; }
}

public enum DivisionLevel { Province, City, District, Street, Community }

/// <summary>An administrative division (GB/T 2260 and below), with an approximate centre.</summary>
public sealed class Division
{
    [MaxLength(12)] public required string Code { get; set; }
    [MaxLength(100)] public required string Name { get; set; }
    [MaxLength(12)] public string? ParentCode { get; set; }
    public DivisionLevel Level { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }
}
