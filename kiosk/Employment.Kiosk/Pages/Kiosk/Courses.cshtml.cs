using Employment.Core.Kiosk;
using Employment.Kiosk.Infrastructure;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>
/// Training courses: anonymous, the open courses near the chosen street and the online ones
/// (courses only, nobody's data); signed in, also the person's own suggestions with how many
/// positions each would open.
/// </summary>
public sealed class CoursesModel(KioskCourses courses, KioskCatalog catalog, KioskPersonal personal,
    Microsoft.Extensions.Options.IOptions<KioskOptions> options, Microsoft.Extensions.Localization.IStringLocalizer<KioskResource> text) : KioskPageModel
{
    public IReadOnlyList<KioskStreet> Streets { get; private set; } = [];
    public KioskStreet? Street { get; private set; }
    public IReadOnlyList<KioskCourse> Open { get; private set; } = [];
    public IReadOnlyList<KioskCourse> Suggested { get; private set; } = [];
    /// <summary>The title of the course just marked, for the confirmation.</summary>
    public string? Done { get; private set; }
    /// <summary>Who will call about it, in words (<see cref="KioskLeadText"/>).</summary>
    public string? DoneText { get; private set; }

    protected override bool Personal => SignedIn;

    public async Task OnGetAsync(string? street, string? done, CancellationToken ct)
    {
        Streets = await catalog.StreetsAsync(ct);
        Street = await catalog.StreetAsync(street, ct);
        Open = await courses.OpenAsync(Street?.Centre, ct);
        if (PersonId is { } person)
        {
            Suggested = await courses.SuggestedForAsync(person, 5, ct);
            if (done is not null)
            {
                Done = Suggested.Concat(Open).FirstOrDefault(c => c.Id == done)?.Title;
                if (Done is not null)
                {
                    DoneText = KioskLeadText.Sent(text, await personal.LeadRouteAsync(person, ct), options.Value.ServiceDesk, Done);
                }
            }
        }
    }

    /// <summary>"I'm interested" in a suggested course: a lead for the person's counselor, as for a position.</summary>
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnPostInterestedAsync(string? courseId, CancellationToken ct)
    {
        if (PersonId is null)
        {
            return LocalRedirect("/kiosk/signin");
        }
        if (courseId is null || !await courses.InterestedAsync(PersonId, courseId, ct))
        {
            return NotFound();
        }
        // Post, then redirect: a reload never sends it twice, and the URL holds no personal data.
        return LocalRedirect("/kiosk/courses?done=" + Uri.EscapeDataString(courseId));
    }
}
