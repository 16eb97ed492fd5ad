using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages.Counselor;

/// <summary>
/// New matches: positions that entered the top ten of a person in the counselor's area, since the
/// last visit (the default) or over the last day or week (the daily digest). Visiting the page marks
/// them seen, so the caseload's count starts again from zero.
/// </summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class AlertsModel(AppDbContext db, MatchAlerts alerts, AuditTrail audit, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;
    public static readonly int[] DigestDays = [1, 7];

    public sealed record Row(string PersonId, string PersonName, string PositionId, string Title, string Employer, bool PublicWelfare,
        int Rank, double Score, DateTime CreatedUtc);

    /// <summary>Null: since the last visit; otherwise the last so many days.</summary>
    [BindProperty(SupportsGet = true)] public int? Days { get; set; }
    public DateTime? Since { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Days = Days is { } d && DigestDays.Contains(d) ? d : null;
        Since = Days is { } days ? now.AddDays(-days) : await alerts.SeenAsync(User.Actor(), ct);
        var query = Query(db, User, Since);
        Total = await query.CountAsync(ct);
        Rows = await query.Take(PageSize).ToListAsync(ct);
        foreach (var person in Rows.Select(r => r.PersonId).Distinct(StringComparer.Ordinal))
        {
            audit.Add(User.Actor(), "view", AuditTrail.Person, person, AuditDetail.Of(AuditDetails.AlertsPage));
        }
        await db.SaveChangesAsync(ct);
        if (Days is null)
        {
            await alerts.MarkSeenAsync(User.Actor(), ct);
        }
    }

    /// <summary>The alerts of people in the user's area, created after <paramref name="since"/> (all when null), newest first.</summary>
    public static IQueryable<Row> Query(AppDbContext db, System.Security.Claims.ClaimsPrincipal user, DateTime? since) =>
        from a in db.MatchAlerts.AsNoTracking()
        join person in db.VisiblePersons(user) on a.PersonId equals person.Id
        join position in db.Positions on a.PositionId equals position.Id
        where since == null || a.CreatedUtc > since
        orderby a.CreatedUtc descending, a.Rank
        select new Row(a.PersonId, person.Name, a.PositionId, position.Title, position.Employer!.Name, position.PublicWelfare, a.Rank, a.Score, a.CreatedUtc);
}
