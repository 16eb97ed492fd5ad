using System.ComponentModel.DataAnnotations;

namespace Employment.Core.Households;

/// <summary>The district the program runs in and its lines (monthly CNY per head).</summary>
public sealed class Region
{
    public int Id { get; set; }
    [MaxLength(100)] public required string Name { get; set; }
    [MaxLength(12)] public string? DivisionCode { get; set; }
    public decimal DibaoLine { get; set; }
    public decimal EdgeLine { get; set; }
    public DateTime UpdatedUtc { get; set; }
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
