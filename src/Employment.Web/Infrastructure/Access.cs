using System.Security.Claims;
using Employment.Core.Data;
using Employment.Core.Households;

namespace Employment.Web.Infrastructure;

/// <summary>The claims an account carries, set at sign-in by <see cref="AppClaimsFactory"/>.</summary>
public static class AccessClaims
{
    /// <summary>One claim per street or community code a counselor covers.</summary>
    public const string Area = "area";
    /// <summary>The employer an employer account belongs to.</summary>
    public const string Employer = "employer";
    /// <summary>When this sign-in began: sessions end 12 hours after it, however active.</summary>
    public const string SessionStart = "session_start";

    public static IReadOnlyList<string> Areas(this ClaimsPrincipal user) =>
        user.FindAll(Area).Select(c => c.Value).ToList();

    public static string? EmployerId(this ClaimsPrincipal user) => user.FindFirstValue(Employer);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    /// <summary>
    /// Lists name people in full only for a counselor (a caseworker of those people); an admin or a
    /// city officer reads lists of households for oversight, so names there are masked (王**).
    /// </summary>
    public static bool SeesNamesInLists(this ClaimsPrincipal user) => user.IsInRole(Roles.Counselor);

    /// <summary>The name written in audit entries, ledger entries and history rows.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}

/// <summary>
/// The user's <see cref="AreaScope"/> (Core holds the rule): an admin sees every record and the
/// city's figures; a counselor the streets and communities of their area claims (a district officer's
/// claim is the district's code) and their district's figures; a city officer the city's figures and
/// the records of granted areas only; anybody else no household at all.
/// </summary>
public static class StaffScope
{
    /// <summary>Who may read figures: the roles whose scope has figures to show.</summary>
    public const string FigureRoles = Roles.Counselor + "," + Roles.Admin + "," + Roles.City;

    public static AreaScope Scope(this ClaimsPrincipal user) =>
        user.IsAdmin() ? AreaScope.Everywhere
        : user.IsInRole(Roles.Counselor) ? AreaScope.Of(user.Areas())
        : user.IsInRole(Roles.City) ? AreaScope.City(user.Areas())
        : AreaScope.Nowhere;

    /// <summary>The households the user may see, filtered in the database.</summary>
    public static IQueryable<Household> Visible(this IQueryable<Household> households, ClaimsPrincipal user) =>
        households.Within(user.Scope());
}
