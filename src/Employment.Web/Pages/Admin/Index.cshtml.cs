using Employment.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages.Admin;

/// <summary>The accounts: search by login or name, filter by role and state, sort, page.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>Accounts locked by wrong passwords in the last day, newest first: someone may be hammering them.</summary>
    public IReadOnlyList<AuditEntry> RecentLockouts { get; private set; } = [];

    public const int PageSize = 25;
    public static readonly string[] Sorts = ["login", "name", "role", "created", "state"];

    public sealed record Row(string Id, string Login, string? DisplayName, string? Role, IReadOnlyList<string> Areas,
        string? Employer, bool Disabled, bool LockedOut, DateTime CreatedUtc);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; }
    public IReadOnlyDictionary<string, string> DivisionNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now.UtcDateTime.AddDays(-1);
        RecentLockouts = await db.AuditLog.AsNoTracking()
            .Where(a => a.Action == Account.LoginModel.AccountLockedAction && a.AtUtc >= since)
            .OrderByDescending(a => a.Id).Take(20).ToListAsync(ct);
        var roles = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name };
        var query = from u in db.Users
                    join r in roles on u.Id equals r.UserId into rs
                    from r in rs.DefaultIfEmpty()
                    join e in db.Employers on u.EmployerId equals e.Id into es
                    from e in es.DefaultIfEmpty()
                    select new { User = u, Role = r == null ? null : r.Name, Employer = e == null ? null : e.Name };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(x => x.User.UserName!.Contains(q) || (x.User.DisplayName != null && x.User.DisplayName.Contains(q))
                || (x.Employer != null && x.Employer.Contains(q)));
        }
        if (Roles.All.Contains(Role))
        {
            query = query.Where(x => x.Role == Role);
        }
        if (State == "disabled")
        {
            query = query.Where(x => x.User.Disabled);
        }
        else if (State == "active")
        {
            query = query.Where(x => !x.User.Disabled);
        }
        var descending = Sort?.StartsWith('-') == true;
        var key = Sort?.TrimStart('-');
        query = key switch
        {
            "name" => descending ? query.OrderByDescending(x => x.User.DisplayName) : query.OrderBy(x => x.User.DisplayName),
            "role" => descending ? query.OrderByDescending(x => x.Role).ThenBy(x => x.User.UserName) : query.OrderBy(x => x.Role).ThenBy(x => x.User.UserName),
            "created" => descending ? query.OrderByDescending(x => x.User.CreatedUtc) : query.OrderBy(x => x.User.CreatedUtc),
            "state" => descending ? query.OrderByDescending(x => x.User.Disabled).ThenBy(x => x.User.UserName) : query.OrderBy(x => x.User.Disabled).ThenBy(x => x.User.UserName),
            _ => descending ? query.OrderByDescending(x => x.User.UserName) : query.OrderBy(x => x.User.UserName),
        };
        Paging = Paging.Of(PageNumber, PageSize, await query.CountAsync(ct));
        var page = await query.Skip(Paging.Skip).Take(PageSize).ToListAsync(ct);
        Rows = page.Select(x => new Row(x.User.Id, x.User.UserName!, x.User.DisplayName, x.Role, x.User.Areas, x.Employer, x.User.Disabled,
            x.User.LockoutEnd > now && !x.User.Disabled, x.User.CreatedUtc)).ToList();
        var codes = Rows.SelectMany(r => r.Areas).Distinct().ToList();
        DivisionNames = await db.Divisions.Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
    }

    /// <summary>The link that sorts by <paramref name="key"/>, flipping the direction when it already does.</summary>
    public string SortLink(string key) => Link(sort: Sort == key ? "-" + key : key, page: 1);

    public string Link(string? sort = null, int? page = null)
    {
        var query = new Dictionary<string, string?> { ["q"] = Q, ["role"] = Role, ["state"] = State, ["sort"] = sort ?? Sort, ["p"] = (page ?? Paging.Number).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Admin", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
