using System.Linq.Expressions;

namespace Employment.Core.Households;

/// <summary>
/// The part of the district a staff member works in: the street and community codes they cover. A
/// street covers every community below it (division codes are hierarchical), so covering is a prefix
/// test. A household is where it is registered; a person is where they live: their own division
/// when they have one, else their household's (<see cref="PersonDivision"/>). Every list and every
/// check of "in my area" goes through here, and lists filter in the database.
/// </summary>
public sealed class AreaScope
{
    /// <summary>An administrator's scope: the whole district.</summary>
    public static readonly AreaScope Everywhere = new(null);

    /// <summary>No area at all (an employer, or a counselor with no streets yet).</summary>
    public static readonly AreaScope Nowhere = new([]);

    private AreaScope(IReadOnlyList<string>? areas) => Areas = areas;

    public static AreaScope Of(IEnumerable<string> areas) =>
        new(areas.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList());

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
