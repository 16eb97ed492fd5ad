using Employment.Core.Kiosk;
using Employment.Kiosk.Infrastructure;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>The home screen: large choices, each with how many openings it holds now.</summary>
public sealed class IndexModel(KioskCatalog catalog) : KioskPageModel
{
    public KioskCounts? Counts { get; private set; }

    protected override bool IsHome => true;

    public async Task OnGetAsync(CancellationToken ct) => Counts = await catalog.CountsAsync(ct);
}
