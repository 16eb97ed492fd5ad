using Employment.Core.Kiosk;
using Employment.Kiosk.Infrastructure;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>
/// Training courses: anonymous, the open courses near the chosen street and the online ones
/// (courses only, nobody's data); signed in, also the person's own suggestions with how many
/// positions each would open.
/// </summary>
public sealed class CoursesModel(KioskCourses courses, KioskCatalog catalog) : KioskPageModel
{
    public IReadOnlyList<KioskStreet> Streets { get; private set; } = [];
    public KioskStreet? Street { get; private set; }
    public IReadOnlyList<KioskCourse> Open { get; private set; } = [];
    public IReadOnlyList<KioskCourse> Suggested { get; private set; } = [];

    protected override bool Personal => SignedIn;

    public async Task OnGetAsync(string? street, CancellationToken ct)
    {
        Streets = await catalog.StreetsAsync(ct);
        Street = await catalog.StreetAsync(street, ct);
        Open = await courses.OpenAsync(Street?.Centre, ct);
        if (PersonId is { } person)
        {
            Suggested = await courses.SuggestedForAsync(person, 5, ct);
        }
    }
}
