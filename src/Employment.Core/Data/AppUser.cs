using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Employment.Core.Data;

public static class Roles
{
    public const string Admin = "admin";
    public const string Counselor = "counselor";
    public const string Employer = "employer";
    public static readonly string[] All = [Admin, Counselor, Employer];
}

/// <summary>An account: a counselor works an area (street codes); an employer user belongs to one employer.</summary>
public sealed class AppUser : IdentityUser
{
    [MaxLength(100)] public string? DisplayName { get; set; }
    [MaxLength(64)] public string? EmployerId { get; set; }
    /// <summary>Division codes (streets or communities) a counselor may see.</summary>
    public List<string> Areas { get; set; } = [];
    public bool Disabled { get; set; }
    public DateTime CreatedUtc { get; set; }
}
