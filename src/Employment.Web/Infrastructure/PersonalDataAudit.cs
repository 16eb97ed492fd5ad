using System.Security.Claims;
using Employment.Core.Data;

namespace Employment.Web.Infrastructure;

/// <summary>
/// What one request showed of personal records: pages and endpoints say what they show
/// (<see cref="PersonalDataAuditing.Shown(HttpContext, string, string, AuditDetail)"/>), and the audit
/// middleware writes it.
/// </summary>
public sealed class PersonalDataReads
{
    private readonly List<(string EntityType, string EntityId, AuditDetail What)> _shown = [];

    public IReadOnlyList<(string EntityType, string EntityId, AuditDetail What)> Shown => _shown;

    public void Add(string entityType, string entityId, AuditDetail what) => _shown.Add((entityType, entityId, what));
}

/// <summary>
/// The one place personal-data reads and refusals reach the <see cref="AuditTrail"/>. Every staff
/// request gets a <see cref="PersonalDataReads"/>; just before its response starts (so before any
/// of the data leaves the host) the middleware writes one "view" entry per record the request said
/// it showed, and one "refused" entry when a signed-in staff member was answered 403 or 404
/// (another street's household, a person outside the area, a record that does not exist: the
/// answer is the same, the audit tells them apart by path). The entries are written through a
/// scope of their own (<see cref="AuditGroupCommit"/>, with other requests' entries), so a page's
/// unsaved work never rides along, and a failure to write them
/// fails the response instead of showing data nobody logged.
/// </summary>
public static class PersonalDataAuditing
{
    public const string Refused = "refused";

    public static IHostApplicationBuilder AddPersonalDataAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PersonalDataReads>();
        builder.Services.AddSingleton<AuditGroupCommit>();
        return builder;
    }

    /// <summary>Records that this request shows one household's or person's record.</summary>
    public static void Shown(this HttpContext context, string entityType, string entityId, AuditDetail what) =>
        context.RequestServices.GetRequiredService<PersonalDataReads>().Add(entityType, entityId, what);

    /// <summary>Records that this request lists these records (one entry each, so "who saw P-1" has one answer).</summary>
    public static void ShownAll(this HttpContext context, string entityType, IEnumerable<string> entityIds, AuditDetail what)
    {
        var reads = context.RequestServices.GetRequiredService<PersonalDataReads>();
        foreach (var id in entityIds.Distinct(StringComparer.Ordinal))
        {
            reads.Add(entityType, id, what);
        }
    }

    /// <summary>After authentication: the user is known when the response starts.</summary>
    public static WebApplication UsePersonalDataAudit(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Once per request, with the path asked for: a status-code page re-executes the
            // pipeline under its own path (/Status/404).
            if (context.Items.TryAdd(typeof(PersonalDataReads), context.Request.Method + " " + context.Request.Path + context.Request.QueryString))
            {
                var asked = context.Request.Path.Value ?? "";
                context.Response.OnStarting(() => WriteAsync(context, asked));
            }
            await next(context);
        });
        return app;
    }

    private static async Task WriteAsync(HttpContext context, string asked)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || !IsStaff(user))
        {
            return;
        }
        var reads = context.RequestServices.GetService<PersonalDataReads>();
        var status = context.Response.StatusCode;
        var refused = status is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound;
        if (!refused && (reads is null || reads.Shown.Count == 0))
        {
            return;
        }
        var actor = user.Actor();
        var request = (string)context.Items[typeof(PersonalDataReads)]!;
        await context.RequestServices.GetRequiredService<AuditGroupCommit>().CommitAsync(audit =>
        {
            if (refused)
            {
                audit.Add(actor, Refused, "request", Truncate(asked, 64), AuditDetail.Of(AuditDetails.Refused, Truncate(request, 900), status));
            }
            else
            {
                foreach (var (type, id, what) in reads!.Shown)
                {
                    audit.Add(actor, "view", type, id, what);
                }
            }
        }, context.RequestAborted);
    }

    private static bool IsStaff(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Counselor) || user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Employer);

    private static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;
}
