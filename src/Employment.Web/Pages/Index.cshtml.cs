using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Positions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages;

public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(string Title, string Employer, decimal MonthlyWage);

    public int OpenPositions { get; private set; }
    public int Households { get; private set; }
    public int Seekers { get; private set; }
    public IReadOnlyList<Row> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        OpenPositions = await db.Positions.ListedOn(today).CountAsync(ct);
        Households = await db.Households.OnRegister().CountAsync(ct);
        Seekers = await db.Persons.CountAsync(p => p.Status == PersonStatus.Seeking && p.ErasedUtc == null && p.Household!.ArchivedUtc == null, ct);
        Latest = await db.Positions.AsNoTracking().ListedOn(today)
            .OrderByDescending(p => p.PublishedUtc).ThenBy(p => p.Id).Take(10)
            .Select(p => new Row(p.Title, p.Employer!.Name, p.MonthlyWage)).ToListAsync(ct);
    }
}
