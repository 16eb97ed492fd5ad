using Employment.Core.Kiosk;
using Employment.Core.Matching;
using Employment.Kiosk.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>One position, everything a person needs to decide, and a QR code to take it along.</summary>
public sealed class PositionModel(KioskCatalog catalog, Microsoft.Extensions.Options.IOptions<KioskOptions> options) : KioskPageModel
{
    /// <summary>Where a person who has not signed in applies: the district's service desk, a public office (no one's personal data).</summary>
    public ServiceDeskOptions Desk => options.Value.ServiceDesk;

    public KioskPosition? Position { get; private set; }
    public KioskStreet? Street { get; private set; }
    /// <summary>The street the position is in: the place to show when the posting gives no detailed address.</summary>
    public KioskStreet? PositionStreet { get; private set; }
    public double? DistanceKm { get; private set; }
    public KioskListState? State { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? group, string? pw, string? access, string? near, string? street, [FromQuery(Name = "q")] string[]? q,
        string? sort, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        Position = await catalog.FindAsync(id, ct);
        if (Position is null)
        {
            return NotFound();
        }
        State = KioskListState.From(group, pw, access, near, street, KioskListState.LastText(q), sort, pageNumber);
        Street = await catalog.StreetAsync(State.Street, ct);
        PositionStreet = await catalog.StreetAsync(Position.DivisionCode, ct);
        if (Street is not null && Position.Location is { } at)
        {
            DistanceKm = Geo.DistanceKm(at, Street.Centre);
        }
        return Page();
    }
}
