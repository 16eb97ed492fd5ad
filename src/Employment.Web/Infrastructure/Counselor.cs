using Employment.Core.Domain;
using System.Globalization;
using System.Security.Claims;
using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Matching;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Employment.Core.Search;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Infrastructure;

public static class CounselorSetup
{
    /// <summary>The counselor's daily work: talent-pool search, the four-clear ledger, referrals to hires.</summary>
    public static IHostApplicationBuilder AddCounselor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TalentPoolSearch>();
        builder.Services.AddScoped<HouseholdLedger>();
        builder.Services.AddScoped<ReferralDesk>();
        builder.Services.AddScoped<CounselorMatches>();
        return builder;
    }
}

/// <summary>
/// Object ownership for counselors, checked on the server for every page and endpoint: a person or
/// household is found only through <see cref="StaffScope.Visible"/>, so an id from another street
/// is simply not there (404), whatever the URL says.
/// </summary>
public static class CounselorScope
{
    /// <summary>The areas to put into a talent-pool search: null for an admin (everywhere).</summary>
    public static IReadOnlyList<string>? SearchAreas(this ClaimsPrincipal user) => user.Scope().Areas;

    public static Task<Household?> VisibleHouseholdAsync(this AppDbContext db, ClaimsPrincipal user, string id, CancellationToken ct = default) =>
        db.Households.Visible(user).Include(h => h.Members).AsSplitQuery().FirstOrDefaultAsync(h => h.Id == id, ct);

    public static Task<Person?> VisiblePersonAsync(this AppDbContext db, ClaimsPrincipal user, string id, CancellationToken ct = default) =>
        db.Persons.Include(p => p.Household).ThenInclude(h => h!.Members).Within(user.Scope())
            .Where(p => p.Id == id)
            .AsSplitQuery().FirstOrDefaultAsync(ct);

    /// <summary>
    /// New kiosk interest the user takes (positions and courses, by <see cref="LeadRouting"/>): the count
    /// the staff navigation shows, so a counselor learns of a lead without opening the caseload.
    /// </summary>
    public static async Task<int> NewLeadCountAsync(this AppDbContext db, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var scope = user.Scope();
        return await db.Leads.For(db, scope).CountAsync(l => l.Status == LeadStatus.New, ct)
            + await db.CourseLeads.For(db, scope).CountAsync(l => l.Status == LeadStatus.New, ct);
    }

    /// <summary>The persons of the user's area, as a query (for referrals, leads and follow-ups).</summary>
    public static IQueryable<Person> VisiblePersons(this AppDbContext db, ClaimsPrincipal user) =>
        db.Persons.Within(user.Scope());

    /// <summary>
    /// A refused request as field errors: the Core code turned into a sentence, on the field it names
    /// (prefixed as the form binds it), so the page shows it next to the input.
    /// </summary>
    public static void AddRefusal(this ModelStateDictionary state, IStringLocalizer<RefusalResource> text, string prefix, RefusalException refusal) =>
        state.AddModelError(FieldKey(prefix, refusal.Field), text.Describe(refusal));

    // A state or a record id is no input on the form: its refusal shows above the page, not beside a field.
    private static string FieldKey(string prefix, string field) =>
        field is "id" or "" or "Status" or "status" or "personId" or "positionId" or "employed" or "laborCapacity" or "referralId" ? "" : string.IsNullOrEmpty(prefix) ? field : prefix + "." + char.ToUpperInvariant(field[0]) + field[1..];

    /// <summary>
    /// Model binding writes its own English sentences ("The value 'x' is not valid"); every error a
    /// counselor sees comes from our resources instead.
    /// </summary>
    public static void LocalizeBindingErrors(this ModelStateDictionary state, IStringLocalizer<RefusalResource> text)
    {
        foreach (var (_, entry) in state)
        {
            if (entry.Errors.Count > 0 && entry.Errors.Any(e => e.Exception is not null || e.ErrorMessage.StartsWith("The ", StringComparison.Ordinal)))
            {
                entry.Errors.Clear();
                entry.Errors.Add(text["Refusal_Invalid"]);
            }
        }
    }
}

/// <summary>One match of a position for a person, with what its wage would do to the household.</summary>
public sealed record PersonMatchView(
    string PositionId,
    string Title,
    string Employer,
    bool PublicWelfare,
    bool Remote,
    decimal MonthlyWage,
    double HoursPerWeek,
    int OpenPlaces,
    double Score,
    double? DistanceKm,
    IReadOnlyList<string> Reasons,
    decimal IncomePerHeadNow,
    IncomeBand BandNow,
    decimal IncomePerHeadWith,
    IncomeBand BandWith,
    MatchFeatures Features);

/// <summary>A candidate in the counselor's own area for a position.</summary>
public sealed record PositionMatchView(string PersonId, string Name, string HouseholdId, double Score, double? DistanceKm, IReadOnlyList<string> Reasons);

/// <summary>The engine's matches as the counselor's pages and API show them, reasons in the reader's language.</summary>
public sealed class CounselorMatches(AppDbContext db, MatchingEngine engine, TimeProvider clock)
{
    public const int MaxTop = 50;

    public async Task<IReadOnlyList<PersonMatchView>> ForPersonAsync(Person person, string? query, int top, CancellationToken ct = default)
    {
        var household = person.Household!;
        // An erased person or an archived household's member is out of the talent pool: nothing to match.
        if ((await ProfileLoader.SeekersAsync(db, [person.Id], ct)).SingleOrDefault() is not { } profile)
        {
            return [];
        }
        var lines = await ProfileLoader.LinesAsync(db, ct);
        var region = await db.Regions.DistrictOf(household.Id).OnAsync(clock.Today(), ct);
        var matches = engine.PositionsFor(profile, new MatchRequest
        {
            Top = Math.Clamp(top, 1, MaxTop),
            AsOf = clock.Today(),
            Query = string.IsNullOrWhiteSpace(query) ? null : query.Trim(),
            Lines = lines,
        });
        var ids = matches.Select(m => m.Id).ToList();
        var positions = await db.Positions.AsNoTracking().Include(p => p.Employer).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var culture = CultureInfo.CurrentUICulture;
        return matches.Where(m => positions.ContainsKey(m.Id)).Select(m =>
        {
            var p = positions[m.Id];
            var effect = HouseholdStanding.EffectOfWage(household, p.MonthlyWage, region);
            return new PersonMatchView(p.Id, p.Title, p.Employer?.Name ?? p.EmployerId, p.PublicWelfare, p.Remote, p.MonthlyWage, p.HoursPerWeek,
                p.OpenPlaces, m.Score, m.DistanceKm, m.Reasons.Select(r => ReasonText.Format(r, culture)).ToList(),
                effect.PerHeadNow, effect.BandNow, effect.PerHeadWith, effect.BandWith, m.Features);
        }).ToList();
    }

    /// <summary>
    /// Candidates for a position, only from the user's area: the engine ranks the whole pool, so it
    /// is asked for more and the rest are dropped before anything leaves this method.
    /// </summary>
    public async Task<IReadOnlyList<PositionMatchView>?> ForPositionAsync(ClaimsPrincipal user, string positionId, int top, CancellationToken ct = default)
    {
        var position = await db.Positions.AsNoTracking().Include(p => p.Employer).FirstOrDefaultAsync(p => p.Id == positionId, ct);
        if (position is null)
        {
            return null;
        }
        top = Math.Clamp(top, 1, MaxTop);
        var lines = await ProfileLoader.LinesAsync(db, ct);
        var matches = engine.SeekersFor(position.ToProfile(), new MatchRequest
        {
            Top = user.IsAdmin() ? top : 500,
            AsOf = clock.Today(),
            Lines = lines,
        });
        var ids = matches.Select(m => m.Id).ToList();
        var visible = await db.VisiblePersons(user).Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.HouseholdId }).ToDictionaryAsync(p => p.Id, ct);
        var culture = CultureInfo.CurrentUICulture;
        return matches.Where(m => visible.ContainsKey(m.Id)).Take(top)
            .Select(m => new PositionMatchView(m.Id, visible[m.Id].Name, visible[m.Id].HouseholdId, m.Score, m.DistanceKm,
                m.Reasons.Select(r => ReasonText.Format(r, culture)).ToList()))
            .ToList();
    }
}

public enum CounselorRecord { Household, Person }

/// <summary>
/// Checks the route's {id} against the user's area before anything else of the page runs,
/// antiforgery included, so a post to another street's record answers 404 exactly as a read does
/// and never reaches a handler. The handlers check again: this is the outer wall, not the only one.
/// Runs after the authorization middleware, so the anonymous are still sent to sign in.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class InCounselorAreaAttribute(CounselorRecord record) : Attribute, Microsoft.AspNetCore.Mvc.Filters.IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(Microsoft.AspNetCore.Mvc.Filters.AuthorizationFilterContext context)
    {
        if (context.RouteData.Values["id"] is not string id)
        {
            return;
        }
        var http = context.HttpContext;
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var visible = record switch
        {
            CounselorRecord.Household => await db.Households.Visible(http.User).AnyAsync(h => h.Id == id, http.RequestAborted),
            _ => await db.VisiblePersons(http.User).AnyAsync(p => p.Id == id, http.RequestAborted),
        };
        if (!visible)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.NotFoundResult();
        }
    }
}
