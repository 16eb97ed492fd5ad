using Employment.Core.Kiosk;
using Employment.Kiosk.Infrastructure;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>
/// Training courses: anonymous, the open courses near the chosen street and the online ones
/// (courses only, nobody's data), or those the words typed find (the course index: title,
/// provider, a skill taught); signed in, also the person's own suggestions with how many
/// positions each would open.
/// </summary>
public sealed class CoursesModel(KioskCourses courses, KioskCatalog catalog, KioskPersonal personal,
    Microsoft.Extensions.Options.IOptions<KioskOptions> options, Microsoft.Extensions.Localization.IStringLocalizer<KioskResource> text) : KioskPageModel
{
    public IReadOnlyList<KioskStreet> Streets { get; private set; } = [];
    public KioskStreet? Street { get; private set; }
    public IReadOnlyList<KioskCourse> Open { get; private set; } = [];
    public IReadOnlyList<KioskCourse> Suggested { get; private set; } = [];
    /// <summary>The words searched for, if any (the last box or word button pressed).</summary>
    public string? Query { get; private set; }
    /// <summary>The title of the course just marked, for the confirmation.</summary>
    public string? Done { get; private set; }
    /// <summary>Who will call about it, in words (<see cref="KioskLeadText"/>).</summary>
    public string? DoneText { get; private set; }

    /// <summary>The search box's maxlength.</summary>
    public const int MaxQuery = 60;

    protected override bool Personal => SignedIn;

    public async Task OnGetAsync(string? street, string? done, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "q")] string[]? q, CancellationToken ct)
    {
        Streets = await catalog.StreetsAsync(ct);
        Street = await catalog.StreetAsync(street, ct);
        // As the job search box: the last non-empty value (a word button after typed text), at most what the box takes.
        Query = KioskListState.LastText(q)?.Trim() is { Length: > 0 } words ? words[..Math.Min(words.Length, MaxQuery)] : null;
        Open = await courses.OpenAsync(Street?.Centre, Query, ct);
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

    /// <summary>This page's address with the chosen street and words kept.</summary>
    public string Link(string? street, string? words)
    {
        var parts = new List<string>();
        if (street is not null)
        {
            parts.Add("street=" + Uri.EscapeDataString(street));
        }
        if (words is not null)
        {
            parts.Add("q=" + Uri.EscapeDataString(words));
        }
        return "/kiosk/courses" + (parts.Count == 0 ? "" : "?" + string.Join("&", parts));
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
