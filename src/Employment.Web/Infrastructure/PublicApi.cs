using Employment.Core.Data;
using Employment.Core.Positions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Infrastructure;

/// <summary>What anyone may read: approved, open positions. Nothing personal is reachable here.</summary>
public static class PublicApi
{
    public sealed record PositionSummary(string Id, string Title, string Employer, decimal MonthlyWage, double HoursPerWeek,
        bool PublicWelfare, bool Remote, string? Address, int OpenPlaces, DateOnly? ValidUntil);

    public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

    public static WebApplication MapPublicApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/positions");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        return app;
    }

    private static async Task<Ok<Page<PositionSummary>>> ListAsync(AppDbContext db, int page = 1, int pageSize = 20, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var query = db.Positions.AsNoTracking().Where(p => p.Status == PositionStatus.Open);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new PositionSummary(p.Id, p.Title, p.Employer!.Name, p.MonthlyWage, p.HoursPerWeek, p.PublicWelfare,
                p.Remote, p.Address, p.Headcount - p.Filled, p.ValidUntil))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<PositionSummary>(items, total, page, pageSize));
    }

    private static async Task<Results<Ok<PositionSummary>, NotFound>> GetAsync(string id, AppDbContext db, CancellationToken ct)
    {
        var item = await db.Positions.AsNoTracking()
            .Where(p => p.Id == id && p.Status == PositionStatus.Open)
            .Select(p => new PositionSummary(p.Id, p.Title, p.Employer!.Name, p.MonthlyWage, p.HoursPerWeek, p.PublicWelfare,
                p.Remote, p.Address, p.Headcount - p.Filled, p.ValidUntil))
            .FirstOrDefaultAsync(ct);
        return item is null ? TypedResults.NotFound() : TypedResults.Ok(item);
    }
}
