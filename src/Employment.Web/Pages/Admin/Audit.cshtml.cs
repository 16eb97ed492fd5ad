using System.Globalization;
using Employment.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages.Admin;

/// <summary>
/// The audit log, read-only: who saw or changed which record, when. Filters combine; dates are
/// whole days in UTC, both ends included. Newest first unless asked otherwise.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class AuditModel(AppDbContext db, Microsoft.Extensions.Localization.IStringLocalizer<AdminResource> text) : PageModel
{
    /// <summary>An action's name in the reader's language; a code no resource names yet shows as it is recorded.</summary>
    public string ActionName(string action) =>
        text["AuditAction_" + action] is { ResourceNotFound: false } name ? name.Value : action;

    /// <summary>A record type's name in the reader's language (types are recorded in either case).</summary>
    public string TypeName(string type) =>
        text["AuditType_" + type.ToLowerInvariant()] is { ResourceNotFound: false } name ? name.Value : type;

    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Order { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];
    public Paging Paging { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var actor = Actor.Trim();
            query = query.Where(e => e.Actor.Contains(actor));
        }
        if (!string.IsNullOrWhiteSpace(Action))
        {
            query = query.Where(e => e.Action == Action);
        }
        if (!string.IsNullOrWhiteSpace(EntityType))
        {
            query = query.Where(e => e.EntityType == EntityType);
        }
        if (!string.IsNullOrWhiteSpace(EntityId))
        {
            var id = EntityId.Trim();
            query = query.Where(e => e.EntityId == id);
        }
        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc >= start);
        }
        if (To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc < end);
        }
        query = Order == "oldest" ? query.OrderBy(e => e.AtUtc).ThenBy(e => e.Id) : query.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id);
        Paging = Paging.Of(PageNumber, PageSize, await query.CountAsync(ct));
        Entries = await query.Skip(Paging.Skip).Take(PageSize).ToListAsync(ct);
        Actions = await db.AuditLog.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        EntityTypes = await db.AuditLog.Select(e => e.EntityType).Distinct().OrderBy(a => a).ToListAsync(ct);
    }

    public string Link(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["actor"] = Actor, ["action"] = Action, ["entityType"] = EntityType, ["entityId"] = EntityId,
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["order"] = Order, ["p"] = page.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Admin/Audit", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
