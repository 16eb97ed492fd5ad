using Employment.Core.Kiosk;
using Employment.Core.Matching;
using Employment.Kiosk.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>One position, everything a person needs to decide, and a QR code to take it along.</summary>
public sealed class PositionModel(KioskCatalog catalog) : KioskPageModel
{
    public KioskPosition? Position { get; private set; }
    public KioskStreet? Street { get; private set; }
    public double? DistanceKm { get; private set; }
    public KioskListState? State { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? group, string? pw, string? access, string? near, string? street, string? q,
        string? sort, int page = 1, CancellationToken ct = default)
    {
        Position = await catalog.FindAsync(id, ct);
        if (Position is null)
        {
            return NotFound();
        }
        State = KioskListState.From(group, pw, access, near, street, q, sort, page);
        Street = await catalog.StreetAsync(State.Street, ct);
        if (Street is not null && Position.Location is { } at)
        {
            DistanceKm = Geo.DistanceKm(at, Street.Centre);
        }
        return Page();
    }
}
