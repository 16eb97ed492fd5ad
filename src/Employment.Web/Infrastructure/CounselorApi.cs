using Employment.Core.Domain;
using System.Security.Claims;
using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Placement;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Infrastructure;

/// <summary>
/// The counselors' JSON API: matches both ways and referrals, within the caller's area only. A
/// person outside it answers 404, as if it did not exist; nothing here carries an ID number,
/// income or causes.
/// </summary>
public static class CounselorApi
{
    public sealed record ReferralSummary(long Id, string PersonId, string PersonName, string PositionId, string PositionTitle,
        string Status, string Channel, bool ConsentRecorded, DateTime CreatedUtc, DateTime UpdatedUtc);

    public sealed record NewReferral(string? PersonId, string? PositionId, bool Consent, string? Note);

    public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

    public static WebApplication MapCounselorApi(this WebApplication app)
    {
        var matches = app.MapGroup("/api/matches").RequireAuthorization(p => p.RequireRole(Roles.Counselor, Roles.Admin)).WithTags("Counselor");
        matches.MapGet("/person/{id}", ForPersonAsync);
        matches.MapGet("/position/{id}", ForPositionAsync);
        var referrals = app.MapGroup("/api/referrals").RequireAuthorization(p => p.RequireRole(Roles.Counselor, Roles.Admin)).WithTags("Counselor");
        referrals.MapGet("/", ListReferralsAsync);
        referrals.MapPost("/", CreateReferralAsync);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<PersonMatchView>>, NotFound>> ForPersonAsync(string id, ClaimsPrincipal user, HttpContext http,
        AppDbContext db, CounselorMatches engine, string? q = null, int top = 10, CancellationToken ct = default)
    {
        var person = await db.VisiblePersonAsync(user, id, ct);
        if (person is null)
        {
            return TypedResults.NotFound();
        }
        // Matches are built from the person's record: reading them is a view of it.
        http.Shown(AuditTrail.Person, person.Id, AuditDetail.Of(AuditDetails.ApiMatches));
        return TypedResults.Ok(await engine.ForPersonAsync(person, q is { Length: > 200 } ? q[..200] : q, top, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<PositionMatchView>>, NotFound>> ForPositionAsync(string id, ClaimsPrincipal user, HttpContext http,
        CounselorMatches engine, int top = 10, CancellationToken ct = default)
    {
        var found = await engine.ForPositionAsync(user, id, top, ct);
        if (found is null)
        {
            return TypedResults.NotFound();
        }
        // Candidates by name: a read of each of them.
        http.ShownAll(AuditTrail.Person, found.Select(f => f.PersonId), AuditDetail.Of(AuditDetails.ApiPositionMatches, id));
        return TypedResults.Ok(found);
    }

    private static async Task<Ok<Page<ReferralSummary>>> ListReferralsAsync(ClaimsPrincipal user, AppDbContext db,
        string? personId = null, string? status = null, int page = 1, int pageSize = 20, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var persons = db.VisiblePersons(user);
        var query = db.Referrals.AsNoTracking().Where(r => persons.Any(p => p.Id == r.PersonId));
        if (!string.IsNullOrEmpty(personId))
        {
            query = query.Where(r => r.PersonId == personId);
        }
        if (Enum.TryParse<ReferralStatus>(status, ignoreCase: true, out var wanted))
        {
            query = query.Where(r => r.Status == wanted);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.Persons, r => r.PersonId, p => p.Id, (r, p) => new { r, p.Name })
            .Join(db.Positions, x => x.r.PositionId, p => p.Id, (x, p) => new { x.r, x.Name, p.Title })
            .ToListAsync(ct);
        var items = rows.Select(x => Summary(x.r, x.Name, x.Title)).ToList();
        return TypedResults.Ok(new Page<ReferralSummary>(items, total, page, pageSize));
    }

    private static async Task<Results<Created<ReferralSummary>, Conflict<ReferralSummary>, NotFound, ValidationProblem>> CreateReferralAsync(NewReferral body,
        ClaimsPrincipal user, AppDbContext db, ReferralDesk desk, IStringLocalizer<RefusalResource> text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.PersonId) || string.IsNullOrWhiteSpace(body.PositionId))
        {
            var missing = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(body.PersonId))
            {
                missing["personId"] = [text.Describe(RefusalCodes.Required)];
            }
            if (string.IsNullOrWhiteSpace(body.PositionId))
            {
                missing["positionId"] = [text.Describe(RefusalCodes.Required)];
            }
            return TypedResults.ValidationProblem(missing);
        }
        var person = await db.VisiblePersonAsync(user, body.PersonId, ct);
        if (person is null)
        {
            return TypedResults.NotFound();
        }
        try
        {
            var referral = await desk.ReferAsync(new ReferralInput(person.Id, body.PositionId, body.Consent, body.Note), user.Actor(), ct);
            var title = await db.Positions.Where(p => p.Id == referral.PositionId).Select(p => p.Title).FirstAsync(ct);
            return TypedResults.Created($"/api/referrals?personId={Uri.EscapeDataString(person.Id)}", Summary(referral, person.Name, title));
        }
        catch (RefusalException refusal)
        {
            // The same request twice (a double click, a retry): the answer names the referral that exists.
            if (refusal.Code == RefusalCodes.AlreadyReferred && await OpenReferralAsync(db, person.Id, body.PositionId, ct) is { } existing)
            {
                return TypedResults.Conflict(Summary(existing.Referral, person.Name, existing.Title));
            }
            var field = char.ToLowerInvariant(refusal.Field[0]) + refusal.Field[1..];
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [text.Describe(refusal)] });
        }
    }

    private static async Task<(Referral Referral, string Title)?> OpenReferralAsync(AppDbContext db, string personId, string positionId, CancellationToken ct)
    {
        var found = await db.Referrals.AsNoTracking()
            .Where(r => r.PersonId == personId && r.PositionId == positionId && ReferralDesk.Open.Contains(r.Status))
            .Join(db.Positions, r => r.PositionId, p => p.Id, (r, p) => new { Referral = r, p.Title })
            .OrderByDescending(x => x.Referral.Id).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Referral, found.Title);
    }

    private static ReferralSummary Summary(Referral r, string name, string title) =>
        new(r.Id, r.PersonId, name, r.PositionId, title, r.Status.ToString(), r.Channel.ToString(), r.ConsentRecorded, r.CreatedUtc, r.UpdatedUtc);
}
