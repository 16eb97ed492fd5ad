using System.Linq.Expressions;

namespace Employment.Core.Households;

/// <summary>
/// The part of the city a staff member works in, for records and for figures. Records: the street and
/// community codes they cover (or a whole district's code, or none). A division covers every division
/// below it (codes are hierarchical: district 510104, street 510104017, community 510104017001), so
/// covering is a prefix test. A household is where it is registered; a person is where they live:
/// their own division when they have one, else their household's (<see cref="PersonDivision"/>).
/// Figures (reports, aggregates): the districts whose figures they may read, or the whole city.
/// Every list and every check of "in my area" goes through here, and lists filter in the database.
/// </summary>
public sealed class AreaScope
{
    /// <summary>An administrator's scope: every record and the figures of the whole city.</summary>
    public static readonly AreaScope Everywhere = new(null, null);

    /// <summary>No area at all (an employer, or a counselor with no streets yet).</summary>
    public static readonly AreaScope Nowhere = new([], []);

    private AreaScope(IReadOnlyList<string>? areas, IReadOnlyList<string>? figureDistricts)
    {
        Areas = areas;
        FigureDistricts = figureDistricts;
    }

    private static List<string> Clean(IEnumerable<string> codes) =>
        codes.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// A counselor's scope: the records of their streets and communities, and the figures of the
    /// districts those lie in. A counselor whose area is a district's own code is that district's
    /// officer: every street of the district (<see cref="District"/>).
    /// </summary>
    public static AreaScope Of(IEnumerable<string> areas)
    {
        var codes = Clean(areas);
        return new(codes, codes.Select(DistrictOf).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>A district officer: every record of the district's streets, and the district's figures.</summary>
    public static AreaScope District(string districtCode) => Of([districtCode]);

    /// <summary>
    /// A city officer: the figures of the whole city and of each district, and no person's record but
    /// those of the areas they were granted (none unless an administrator grants some).
    /// </summary>
    public static AreaScope City(IEnumerable<string> grantedAreas) => new(Clean(grantedAreas), null);

    /// <summary>The district a division code lies in: its first six digits (province, city, district).</summary>
    public static string DistrictOf(string divisionCode) =>
        divisionCode.Length > DistrictCodeLength ? divisionCode[..DistrictCodeLength] : divisionCode;

    public const int DistrictCodeLength = 6;

    /// <summary>The districts whose figures this scope reads; null means the city and every district.</summary>
    public IReadOnlyList<string>? FigureDistricts { get; }

    /// <summary>May read the city's figures (a row per district, the city's totals).</summary>
    public bool SeesCity => FigureDistricts is null;

    /// <summary>May read this district's figures.</summary>
    public bool SeesFiguresOf(string? districtCode) =>
        FigureDistricts is null || (districtCode is not null && FigureDistricts.Contains(districtCode, StringComparer.Ordinal));

    /// <summary>The codes covered; null means everywhere.</summary>
    public IReadOnlyList<string>? Areas { get; }

    public bool IsEverywhere => Areas is null;

    /// <summary>A person lives in their own division when it is known, else in their household's.</summary>
    public static readonly Expression<Func<Person, string?>> PersonDivision = p => p.DivisionCode ?? p.Household!.DivisionCode;

    /// <summary><see cref="PersonDivision"/> for a person in memory (with their household, when loaded).</summary>
    public static string? DivisionOf(Person person, Household? household = null) =>
        person.DivisionCode ?? (household ?? person.Household)?.DivisionCode;

    public bool Covers(string? divisionCode) =>
        Areas is null || (divisionCode is not null && Areas.Any(a => divisionCode.StartsWith(a, StringComparison.Ordinal)));

    public bool CoversPerson(Person person, Household? household = null) => Covers(DivisionOf(person, household));

    /// <summary>
    /// The rows whose division <paramref name="divisionOf"/> gives is covered, as one OR of prefix
    /// tests the database runs (LIKE 'code%'); nothing is loaded to be filtered in memory.
    /// </summary>
    public IQueryable<T> Filter<T>(IQueryable<T> source, Expression<Func<T, string?>> divisionOf)
    {
        if (Areas is null)
        {
            return source;
        }
        if (Areas.Count == 0)
        {
            return source.Where(_ => false);
        }
        var code = divisionOf.Body;
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression? any = null;
        foreach (var area in Areas)
        {
            var test = Expression.AndAlso(
                Expression.NotEqual(code, Expression.Constant(null, typeof(string))),
                Expression.Call(code, startsWith, Expression.Constant(area)));
            any = any is null ? test : Expression.OrElse(any, test);
        }
        return source.Where(Expression.Lambda<Func<T, bool>>(any!, divisionOf.Parameters));
    }
}

public static class AreaScopeQueries
{
    /// <summary>The households registered in the scope.</summary>
    public static IQueryable<Household> Within(this IQueryable<Household> households, AreaScope scope) =>
        scope.Filter(households, h => h.DivisionCode);

    /// <summary>The persons living in the scope (<see cref="AreaScope.PersonDivision"/>).</summary>
    public static IQueryable<Person> Within(this IQueryable<Person> persons, AreaScope scope) =>
        scope.Filter(persons, AreaScope.PersonDivision);
}
