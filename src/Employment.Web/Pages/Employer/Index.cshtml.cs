using Employment.Core.Data;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Web.Pages.Employer;

/// <summary>The employer's own positions: status, search, paging; the newest change first.</summary>
[Authorize(Roles = Roles.Employer)]
public sealed class IndexModel(AppDbContext db, IOptions<EmployerPortalOptions> options, Core.Counseling.ReferralExpiry referrals) : EmployerPageModel
{
    public sealed record Row(string Id, string Title, PositionStatus Status, int Headcount, int Filled, decimal MonthlyWage,
        DateOnly? ValidUntil, DateTime UpdatedUtc, string? LastNote, int Candidates);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public PositionStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount { get; private set; }
    public IReadOnlyDictionary<PositionStatus, int> Counts { get; private set; } = new Dictionary<PositionStatus, int>();
    /// <summary>How this employer answers referrals: shown so it knows that an unanswered referral expires and counts.</summary>
    public Core.Counseling.EmployerResponse Answers { get; private set; } = new(0, 0, 0, null, null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var size = options.Value.PageSize;
        var mine = db.Positions.AsNoTracking().Where(p => p.EmployerId == EmployerId);
        Answers = await referrals.ResponseOfAsync(EmployerId, ct);
        Counts = await mine.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var query = mine;
        if (Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(p => p.Title.Contains(q) || p.Id == q);
        }
        Total = await query.CountAsync(ct);
        PageCount = Math.Max(1, (Total + size - 1) / size);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderByDescending(p => p.UpdatedUtc).ThenBy(p => p.Id)
            .Skip((PageNumber - 1) * size).Take(size)
            .Select(p => new Row(p.Id, p.Title, p.Status, p.Headcount, p.Filled, p.MonthlyWage, p.ValidUntil, p.UpdatedUtc,
                p.History.OrderByDescending(h => h.Id).Select(h => h.Note).FirstOrDefault(),
                db.Referrals.Count(r => r.PositionId == p.Id && (r.Status == ReferralStatus.Sent || r.Status == ReferralStatus.Interview))))
            .ToListAsync(ct);
    }

    public Dictionary<string, string> Link(int page)
    {
        var route = new Dictionary<string, string> { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            route["q"] = Q;
        }
        if (Status is { } status)
        {
            route["status"] = status.ToString();
        }
        return route;
    }
}
