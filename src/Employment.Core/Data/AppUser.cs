using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Employment.Core.Data;

public static class Roles
{
    public const string Admin = "admin";
    public const string Counselor = "counselor";
    public const string Employer = "employer";
    /// <summary>A city officer (市民政局): the city's figures and each district's; no person's record but in areas granted.</summary>
    public const string City = "city";
    public static readonly string[] All = [Admin, Counselor, Employer, City];
}

/// <summary>An account: a counselor works an area (street codes); an employer user belongs to one employer.</summary>
public sealed class AppUser : IdentityUser
{
    [MaxLength(100)] public string? DisplayName { get; set; }
    [MaxLength(64)] public string? EmployerId { get; set; }
    /// <summary>
    /// Division codes a counselor may see (streets or communities; a district's code for its district
    /// officer), or the areas whose records a city officer has been granted (none by default).
    /// </summary>
    public List<string> Areas { get; set; } = [];
    public bool Disabled { get; set; }
    public DateTime CreatedUtc { get; set; }
}
