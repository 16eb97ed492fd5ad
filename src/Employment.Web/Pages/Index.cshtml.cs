using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Positions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(string Title, string Employer, decimal MonthlyWage);

    public int OpenPositions { get; private set; }
    public int Households { get; private set; }
    public int Seekers { get; private set; }
    public IReadOnlyList<Row> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        OpenPositions = await db.Positions.CountAsync(p => p.Status == PositionStatus.Open, ct);
        Households = await db.Households.CountAsync(ct);
        Seekers = await db.Persons.CountAsync(p => p.Status == PersonStatus.Seeking, ct);
        Latest = await db.Positions.AsNoTracking().Where(p => p.Status == PositionStatus.Open)
            .OrderByDescending(p => p.PublishedUtc).ThenBy(p => p.Id).Take(10)
            .Select(p => new Row(p.Title, p.Employer!.Name, p.MonthlyWage)).ToListAsync(ct);
    }
}
