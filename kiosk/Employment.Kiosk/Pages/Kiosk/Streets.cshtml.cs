using Employment.Core.Kiosk;
using Employment.Kiosk.Infrastructure;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>"Near me": pick your street; openings near its centre, nearest first.</summary>
public sealed class StreetsModel(KioskCatalog catalog) : KioskPageModel
{
    public IReadOnlyList<KioskStreet> Streets { get; private set; } = [];
    public IReadOnlyDictionary<string, int> Near { get; private set; } = new Dictionary<string, int>();
    /// <summary>The choices the person came with (a kind of work, a search): kept when a street is picked.</summary>
    public KioskListState? State { get; private set; }
    public bool HasOtherChoice { get; private set; }

    public async Task OnGetAsync(string? group, string? pw, string? access, string? near, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "q")] string[]? q, CancellationToken ct)
    {
        State = KioskListState.From(group, pw, access, near, null, KioskListState.LastText(q), null, 1);
        HasOtherChoice = State.Group is not null || State.PublicWelfare || State.Access is not null || State.Text is not null;
        Streets = await catalog.StreetsAsync(ct);
        Near = await catalog.CountsNearAsync(ct);
    }
}
