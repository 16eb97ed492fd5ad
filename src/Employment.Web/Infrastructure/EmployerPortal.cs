using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Employment.Core.Data;
using Employment.Core.Employers;
using Employment.Core.Positions;
using Employment.Core.Review;
using Employment.Core.Taxonomy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Employment.Web.Infrastructure;

public sealed class EmployerPortalOptions
{
    /// <summary>Registration posts an hour from one client address: enough for a typo or two, not for filling the queue.</summary>
    [Range(1, 10_000)] public int RegistrationsPerHour { get; set; } = 10;

    /// <summary>Rows a page of the employer's and the reviewer's lists shows.</summary>
    [Range(5, 200)] public int PageSize { get; set; } = 20;
}

/// <summary>
/// The employer side (self-registration, positions, referred candidates) and the review queue:
/// services, the registration rate limit, and the employer's JSON API.
/// </summary>
public static class EmployerPortal
{
    public const string RegistrationLimit = "employer-registration";

    public static IHostApplicationBuilder AddEmployerPortal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmployerPortalOptions>().BindConfiguration("EmployerPortal").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<EmployerRegistration>();
        builder.Services.AddScoped<PublicContact>();
        builder.Services.AddScoped<PositionPosting>();
        builder.Services.AddScoped<ReferredCandidates>();
        builder.Services.AddScoped<PostingReview>();
        builder.Services.AddSingleton(_ => new TaxonomySuggester(Taxonomy.Embedded));
        builder.Services.AddSingleton<WordingCheck>();
        // Its own policy beside the host's (RateLimits.cs): registering is anonymous and writes.
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<EmployerPortalOptions>>((o, portal) =>
            o.AddPolicy(RegistrationLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(RateLimits.ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = portal.Value.RegistrationsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("get")));
        return builder;
    }

    public sealed record EmployerPosition(string Id, string Title, string Status, bool PublicWelfare, int Headcount, int Filled,
        decimal MonthlyWage, double HoursPerWeek, bool Remote, string? Address, DateOnly? ValidUntil, DateTime UpdatedUtc, string? LastNote);

    public sealed record SuggestRequest(string? Title, string? Description);

    public sealed record Suggestion(string Code, string Kind, string Group, string Name, string Phrase);

    public static WebApplication MapEmployerPortal(this WebApplication app)
    {
        var group = app.MapGroup("/api/employer")
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Employer })
            .AddEndpointFilter(ApprovedEmployerOnly)
            .WithTags("employer");
        group.MapGet("/positions", ListAsync).WithName("EmployerPositions");
        group.MapGet("/positions/{id}", GetAsync).WithName("EmployerPosition");
        group.MapPost("/suggest", Suggest).WithName("EmployerSuggest");
        return app;
    }

    /// <summary>An employer still waiting for approval (or turned down) has no API either.</summary>
    private static async ValueTask<object?> ApprovedEmployerOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!await IsApprovedAsync(http.RequestServices.GetRequiredService<AppDbContext>(), http.User.EmployerId(), http.RequestAborted))
        {
            return TypedResults.Forbid();
        }
        return await next(context);
    }

    public static async Task<bool> IsApprovedAsync(AppDbContext db, string? employerId, CancellationToken ct) =>
        employerId is not null && await db.Employers.AnyAsync(e => e.Id == employerId && e.Status == EmployerStatus.Approved, ct);

    private static async Task<Ok<PublicApi.Page<EmployerPosition>>> ListAsync(HttpContext http, AppDbContext db, string? status = null,
        int page = 1, int pageSize = 20, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var employerId = http.User.EmployerId()!;
        var query = db.Positions.AsNoTracking().Where(p => p.EmployerId == employerId);
        if (Enum.TryParse<PositionStatus>(status, ignoreCase: true, out var wanted))
        {
            query = query.Where(p => p.Status == wanted);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(p => p.UpdatedUtc).ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(Project())
            .ToListAsync(ct);
        return TypedResults.Ok(new PublicApi.Page<EmployerPosition>(items, total, page, pageSize));
    }

    private static async Task<Results<Ok<EmployerPosition>, NotFound>> GetAsync(string id, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var employerId = http.User.EmployerId()!;
        // Another employer's position answers exactly like one that does not exist.
        var item = await db.Positions.AsNoTracking().Where(p => p.Id == id && p.EmployerId == employerId).Select(Project()).FirstOrDefaultAsync(ct);
        return item is null ? TypedResults.NotFound() : TypedResults.Ok(item);
    }

    private static System.Linq.Expressions.Expression<Func<Position, EmployerPosition>> Project() => p =>
        new EmployerPosition(p.Id, p.Title, p.Status.ToString(), p.PublicWelfare, p.Headcount, p.Filled, p.MonthlyWage, p.HoursPerWeek,
            p.Remote, p.Address, p.ValidUntil, p.UpdatedUtc,
            p.History.OrderByDescending(h => h.Id).Select(h => h.Note).FirstOrDefault());

    private static Results<Ok<IReadOnlyList<Suggestion>>, ValidationProblem> Suggest(SuggestRequest request, TaxonomySuggester suggester)
    {
        if ((request.Title?.Length ?? 0) > 200 || (request.Description?.Length ?? 0) > 4000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["description"] = ["too long"] });
        }
        var english = !CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        IReadOnlyList<Suggestion> items = suggester.Suggest(request.Title, request.Description)
            .Select(s => new Suggestion(s.Code, KindName(s.Kind), s.Group, s.Name(english), s.Phrase)).ToList();
        return TypedResults.Ok(items);
    }

    public static string KindName(TaxonomyKind kind) => kind switch
    {
        TaxonomyKind.Skill => "skill",
        TaxonomyKind.Accommodation => "accommodation",
        _ => "demand",
    };

    /// <summary>Puts Core's field errors on the form, in the reader's language.</summary>
    public static void AddTo(this IEnumerable<FieldError> errors, ModelStateDictionary modelState, IStringLocalizer text, string prefix = "Input")
    {
        foreach (var e in errors)
        {
            var key = e.Field.Length == 0 ? "" : prefix.Length == 0 ? e.Field : prefix + "." + e.Field;
            modelState.AddModelError(key, text["Error_" + e.Code, e.Args]);
        }
    }

    public static bool English => !CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
}
