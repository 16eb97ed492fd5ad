using System.Linq.Expressions;

namespace Employment.Core.Domain;

/// <summary>A district as its records' keys see it: its division code, and whether it is the store's first.</summary>
public readonly record struct DistrictRef(string? Code, bool IsDefault)
{
    public string Key(string localId) => DistrictKeys.Key(localId, this);

    /// <summary>True when the record with this stored key is one of this district's.</summary>
    public bool Holds(string key) => DistrictKeys.Holds(key, this);
}

/// <summary>
/// The one rule for the stored key of a district's record (employer, position, household, person).
/// The contract scopes ids to their district (interchange.md, "Several districts in one store"), so
/// the key must tell <c>H-1</c> of 510104 from <c>H-1</c> of 510105. The store's first district (the
/// region with the lowest id: <see cref="Households.DistrictLines.TheDistrict"/>) keeps the plain id
/// as its key, so a one-district store, its URLs and every existing record are unchanged; every other
/// district's key is <c>CODE~ID</c> (<c>510105~H-1</c>). A first-district id that itself holds a
/// <c>~</c> is written qualified too, so a key without <c>~</c> is always a first-district id and a key
/// with one always splits at its first <c>~</c> into a division code (which never holds one) and the
/// id. The mapping is one-to-one, so no key is ever read two ways. See docs/architecture-notes.md.
/// </summary>
public static class DistrictKeys
{
    public const char Separator = '~';
    private const string SeparatorText = "~";

    public static string Key(string localId, DistrictRef district) =>
        district.IsDefault && !localId.Contains(Separator, StringComparison.Ordinal)
            ? localId
            : (district.Code ?? "") + SeparatorText + localId;

    /// <summary>The id as the district's own files write it.</summary>
    public static string LocalId(string key)
    {
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? key : key[(at + 1)..];
    }

    /// <summary>The division code a qualified key names; null for a first-district key.</summary>
    public static string? CodeOf(string key)
    {
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        return at <= 0 ? null : key[..at];
    }

    /// <summary>The key of a new record of the same district as the record with <paramref name="recordKey"/>.</summary>
    public static string Beside(string recordKey, string localId)
    {
        var code = CodeOf(recordKey);
        return Key(localId, new DistrictRef(code, code is null));
    }

    public static bool Holds(string key, DistrictRef district)
    {
        var code = CodeOf(key);
        return code is null ? district.IsDefault : code == district.Code;
    }

    /// <summary>
    /// The records of one district, as a query filter the database runs: a plain key or the
    /// district's prefix for the first district, the prefix alone for any other.
    /// </summary>
    public static Expression<Func<T, bool>> InDistrict<T>(Expression<Func<T, string>> key, DistrictRef district)
    {
        var prefix = (district.Code ?? "") + SeparatorText;
        var body = key.Body;
        Expression startsWith = Expression.Call(body, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!,
            Expression.Constant(prefix));
        if (district.IsDefault)
        {
            var contains = Expression.Call(body, typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!,
                Expression.Constant(SeparatorText));
            startsWith = Expression.OrElse(Expression.Not(contains), startsWith);
        }
        return Expression.Lambda<Func<T, bool>>(startsWith, key.Parameters);
    }
}
