using Employment.Core.Data;
using Employment.Core.Households;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages.Admin;

/// <summary>What the account forms offer: the region's streets with their communities, and the employers.</summary>
public sealed record AccountChoices(IReadOnlyList<AccountChoices.Street> Streets, IReadOnlyList<(string Id, string Name)> Employers)
{
    /// <summary>The store's districts: a counselor given one is its district officer (every street of it).</summary>
    public IReadOnlyList<(string Code, string Name)> Districts { get; init; } = [];

    public sealed record Street(string Code, string Name, IReadOnlyList<(string Code, string Name)> Communities);

    public static async Task<AccountChoices> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var divisions = await db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.Street || d.Level == DivisionLevel.Community)
            .OrderBy(d => d.Code).ToListAsync(ct);
        var streets = divisions.Where(d => d.Level == DivisionLevel.Street)
            .Select(s => new Street(s.Code, s.Name, divisions.Where(c => c.Level == DivisionLevel.Community && c.ParentCode == s.Code)
                .Select(c => (c.Code, c.Name)).ToList()))
            .ToList();
        var employers = (await db.Employers.AsNoTracking().OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct))
            .Select(e => (e.Id, e.Name)).ToList();
        var districts = (await db.Regions.AsNoTracking().Where(r => r.DivisionCode != null).OrderBy(r => r.Id)
                .Select(r => new { r.DivisionCode, r.Name }).ToListAsync(ct))
            .Select(r => (r.DivisionCode!, r.Name)).ToList();
        return new AccountChoices(streets, employers) { Districts = districts };
    }
}
