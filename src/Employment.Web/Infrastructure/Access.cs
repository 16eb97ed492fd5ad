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

    /// <summary>The name written in audit entries, ledger entries and history rows.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}

/// <summary>
/// Which households a user may see. A counselor covers the streets or communities in their area
/// claims: a street code covers every community below it (codes are hierarchical), so the check is
/// a prefix match. Admins see everything; nobody else sees any household.
/// </summary>
public static class AreaScope
{
    public static bool Covers(IEnumerable<string> areas, string? divisionCode) =>
        divisionCode is not null && areas.Any(a => divisionCode.StartsWith(a, StringComparison.Ordinal));

    public static bool CanSee(ClaimsPrincipal user, string? divisionCode) =>
        user.IsAdmin() || (user.IsInRole(Roles.Counselor) && Covers(user.Areas(), divisionCode));

    /// <summary>The households the user may see, as a query the database filters (LIKE 'code%').</summary>
    public static IQueryable<Household> Visible(this IQueryable<Household> households, ClaimsPrincipal user)
    {
        if (user.IsAdmin())
        {
            return households;
        }
        if (!user.IsInRole(Roles.Counselor))
        {
            return households.Where(_ => false);
        }
        var areas = user.Areas();
        if (areas.Count == 0)
        {
            return households.Where(_ => false);
        }
        // An OR of prefix tests, built as one expression so it runs in the database.
        var h = System.Linq.Expressions.Expression.Parameter(typeof(Household), "h");
        var code = System.Linq.Expressions.Expression.Property(h, nameof(Household.DivisionCode));
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        System.Linq.Expressions.Expression? any = null;
        foreach (var area in areas)
        {
            var test = System.Linq.Expressions.Expression.AndAlso(
                System.Linq.Expressions.Expression.NotEqual(code, System.Linq.Expressions.Expression.Constant(null, typeof(string))),
                System.Linq.Expressions.Expression.Call(code, startsWith, System.Linq.Expressions.Expression.Constant(area)));
            any = any is null ? test : System.Linq.Expressions.Expression.OrElse(any, test);
        }
        return households.Where(System.Linq.Expressions.Expression.Lambda<Func<Household, bool>>(any!, h));
    }
}
