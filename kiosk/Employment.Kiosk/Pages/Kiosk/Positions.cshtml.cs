using Employment.Core.Kiosk;
using Employment.Kiosk.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>Results for any mix of the home screen's choices, sorted and paged.</summary>
public sealed class PositionsModel(KioskCatalog catalog, KioskPersonal personal, IOptions<KioskOptions> options, IStringLocalizer<KioskResource> text) : KioskPageModel
{
    public KioskListState? State { get; private set; }
    public KioskResults? Results { get; private set; }
    public KioskStreet? Street { get; private set; }
    public string Heading { get; private set; } = "";
    /// <summary>Distances are measured from the signed-in person's home (no street chosen).</summary>
    public bool FromHome { get; private set; }

    public async Task OnGetAsync(string? group, string? pw, string? access, string? near, string? street, [FromQuery(Name = "q")] string[]? q, string? sort,
        [FromQuery(Name = "page")] int pageNumber = 1,
        CancellationToken ct = default)
    {
        State = KioskListState.From(group, pw, access, near, street, KioskListState.LastText(q), sort, pageNumber);
        Street = await catalog.StreetAsync(State.Street, ct);
        var query = State.ToQuery(options.Value.PageSize);
        if (Street is null && PersonId is not null && await personal.HomeAsync(PersonId, ct) is { } home)
        {
            query = query with { Home = home };
            FromHome = true;
        }
        Results = await catalog.SearchAsync(query, ct);
        var parts = new List<string>();
        if (State.Group is not null)
        {
            parts.Add(text["Group_" + State.Group]);
        }
        if (State.PublicWelfare)
        {
            parts.Add(text["PublicWelfare"]);
        }
        if (State.Access is not null)
        {
            parts.Add(text["Access_" + State.Access]);
        }
        if (State.Near && Street is not null)
        {
            parts.Add(text["NearStreet", Street.Name]);
        }
        if (State.Text is not null)
        {
            parts.Add(text["SearchFor", State.Text]);
        }
        Heading = parts.Count == 0 ? text["AllOpenings"] : string.Join(" · ", parts);
    }
}
