using Employment.Core.Domain;
using Employment.Core.Data;
using Employment.Core.Positions;
using Employment.Core.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Infrastructure;

/// <summary>
/// What anyone may read: approved, open positions of approved employers, still valid and with a
/// place left. Only the posting's own public facts are projected: nothing about any person (no
/// referrals, no placements, no contact of the employer's staff) is reachable here.
/// </summary>
public static class PublicApi
{
    public const int MaxPageSize = 100;
    public const int MaxQueryLength = 100;

    public sealed record PositionSummary(string Id, string Title, string Employer, decimal MonthlyWage, double HoursPerWeek,
        bool PublicWelfare, bool Remote, string? Address, int OpenPlaces, DateOnly? ValidUntil, string? DivisionCode,
        DateTime? PublishedUtc);

    public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

    /// <summary>The filters of the list; every one optional.</summary>
    /// <param name="Q">What a jobseeker would type (保洁, baojie, cleaner; 报安 is read as 保安): the kiosk's search. Results come most relevant first unless another sort is asked for.</param>
    /// <param name="Division">A street or community code: positions located there (prefix match).</param>
    /// <param name="MinWage">The lowest monthly wage, CNY.</param>
    /// <param name="Sort">"newest" (published, newest first), "wage" (highest first), "id" (the default without q) or "relevance" (the default with q).</param>
    public sealed record PositionQuery(string? Q = null, string? Division = null, decimal? MinWage = null, bool? Remote = null,
        bool? PublicWelfare = null, string? Sort = null, int Page = 1, int PageSize = 20);

    public static WebApplication MapPublicApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/positions").WithTags("Positions (public)").AllowAnonymous();
        group.MapGet("/", ListAsync).WithName("ListPositions").WithSummary("Approved open positions, filtered and paged");
        group.MapGet("/{id}", GetAsync).WithName("GetPosition").WithSummary("One approved open position");
        return app;
    }

    /// <summary>The positions the public may see, as of <paramref name="today"/>.</summary>
    public static IQueryable<Position> Visible(this IQueryable<Position> positions, DateOnly today) => positions.ListedOn(today);

    private static async Task<Results<Ok<Page<PositionSummary>>, ValidationProblem>> ListAsync(AppDbContext db, TimeProvider clock,
        PositionTextSearch textSearch, [AsParameters] PositionQuery query, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.Page < 1)
        {
            errors["page"] = ["must be 1 or more"];
        }
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"must be between 1 and {MaxPageSize}"];
        }
        if (query.Q is { Length: > MaxQueryLength })
        {
            errors["q"] = [$"must be at most {MaxQueryLength} characters"];
        }
        if (query.Division is { } division && (division.Length > 12 || !division.All(char.IsAsciiDigit)))
        {
            errors["division"] = ["must be a division code (digits)"];
        }
        if (query.MinWage is < 0)
        {
            errors["minWage"] = ["must not be negative"];
        }
        if (query.Sort is not (null or "id" or "newest" or "wage" or "relevance"))
        {
            errors["sort"] = ["must be id, newest, wage or relevance"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var today = clock.Today();
        var positions = db.Positions.AsNoTracking().Visible(today);
        Dictionary<string, int>? rank = null;
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            // The kiosk's search (words, concepts, pinyin, near-misses), not a substring of the title.
            var found = textSearch.Search(query.Q.Trim(), today);
            rank = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var hit in found.Hits)
            {
                rank.TryAdd(hit.Id, rank.Count);
            }
            var ids = rank.Keys.ToList();
            positions = positions.Where(p => ids.Contains(p.Id));
        }
        if (!string.IsNullOrEmpty(query.Division))
        {
            positions = positions.Where(p => p.DivisionCode != null && p.DivisionCode.StartsWith(query.Division));
        }
        if (query.MinWage is { } minWage)
        {
            positions = positions.Where(p => p.MonthlyWage >= minWage);
        }
        if (query.Remote is { } remote)
        {
            positions = positions.Where(p => p.Remote == remote);
        }
        if (query.PublicWelfare is { } welfare)
        {
            positions = positions.Where(p => p.PublicWelfare == welfare);
        }
        if (rank is not null && query.Sort is null or "relevance")
        {
            var all = await positions.Select(Summary).ToListAsync(ct);
            var ordered = all.OrderBy(p => rank[p.Id]).ToList();
            return TypedResults.Ok(new Page<PositionSummary>(ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList(),
                ordered.Count, query.Page, query.PageSize));
        }
        positions = query.Sort switch
        {
            "newest" => positions.OrderByDescending(p => p.PublishedUtc).ThenBy(p => p.Id),
            "wage" => positions.OrderByDescending(p => p.MonthlyWage).ThenBy(p => p.Id),
            _ => positions.OrderBy(p => p.Id),
        };
        var total = await positions.CountAsync(ct);
        var items = await positions.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(Summary).ToListAsync(ct);
        return TypedResults.Ok(new Page<PositionSummary>(items, total, query.Page, query.PageSize));
    }

    private static async Task<Results<Ok<PositionSummary>, NotFound>> GetAsync(string id, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = clock.Today();
        var item = await db.Positions.AsNoTracking().Visible(today).Where(p => p.Id == id).Select(Summary).FirstOrDefaultAsync(ct);
        return item is null ? TypedResults.NotFound() : TypedResults.Ok(item);
    }

    private static readonly System.Linq.Expressions.Expression<Func<Position, PositionSummary>> Summary = p =>
        new PositionSummary(p.Id, p.Title, p.Employer!.Name, p.MonthlyWage, p.HoursPerWeek, p.PublicWelfare,
            p.Remote, p.Address, p.Headcount - p.Filled, p.ValidUntil, p.DivisionCode, p.PublishedUtc);
}
