using Employment.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Households;

/// <summary>
/// The district's streets (街道) and which street a division code lies in: the one home of that
/// rule, for every figure given per street. A community row names its street as parent; a code
/// without a row (a community not loaded) starts with its street's code.
/// </summary>
public sealed class Streets
{
    private readonly Dictionary<string, Division> _byCode;

    public Streets(IEnumerable<Division> divisions)
    {
        var all = divisions.ToList();
        _byCode = all.ToDictionary(d => d.Code, StringComparer.Ordinal);
        All = all.Where(d => d.Level == DivisionLevel.Street).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
    }

    public static async Task<Streets> LoadAsync(AppDbContext db, CancellationToken ct) =>
        new(await db.Divisions.AsNoTracking().ToListAsync(ct));

    /// <summary>Every street, by code.</summary>
    public IReadOnlyList<Division> All { get; }

    public Division? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The street's code for a division code, or null when it lies in no known street.</summary>
    public string? StreetOf(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        for (var current = code; current is not null && _byCode.TryGetValue(current, out var d); current = d.ParentCode)
        {
            if (d.Level == DivisionLevel.Street)
            {
                return d.Code;
            }
        }
        return All.FirstOrDefault(s => code.StartsWith(s.Code, StringComparison.Ordinal))?.Code;
    }
}
