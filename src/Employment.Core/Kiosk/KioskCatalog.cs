using Employment.Core.Domain;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Matching;
using Employment.Core.Positions;
using Employment.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Kiosk;

/// <summary>
/// A position as the kiosk may show it: what an employer advertises, nothing about anyone who
/// applied. Only approved, open positions with a free place that have not passed their last day.
/// </summary>
public sealed record KioskPosition
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string EmployerName { get; init; }
    /// <summary>The employer's public contact, only where the employer agreed to show it at kiosks (never its own phone otherwise).</summary>
    public string? EmployerContactName { get; init; }
    public string? EmployerContactPhone { get; init; }
    public string? Description { get; init; }
    public bool PublicWelfare { get; init; }
    public double MonthlyWage { get; init; }
    public double HoursPerWeek { get; init; }
    public bool Remote { get; init; }
    public GeoPoint? Location { get; init; }
    public string? Address { get; init; }
    public string? DivisionCode { get; init; }
    public IReadOnlyList<string> RequiredSkills { get; init; } = [];
    public IReadOnlyList<string> PreferredSkills { get; init; } = [];
    public IReadOnlyList<string> Accommodations { get; init; } = [];
    public IReadOnlyList<string> Demands { get; init; } = [];
    public int OpenPlaces { get; init; }
    public DateOnly? ValidUntil { get; init; }
    public DateTime? PublishedUtc { get; init; }
    /// <summary>Kinds of work (taxonomy skill groups) the position belongs to; "other" when it names no skill.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    public bool Offers(string accommodation) =>
        Accommodations.Contains(accommodation, StringComparer.Ordinal) || (Remote && HardRules.MetByRemote.Contains(accommodation));
}

/// <summary>The accessible-work choices on the kiosk's home screen.</summary>
public static class KioskAccess
{
    public const string Wheelchair = "wheelchair";
    public const string SignLanguage = "sign";
    public const string Remote = "remote";
    public const string Seated = "seated";

    public static readonly string[] All = [Wheelchair, SignLanguage, Remote, Seated];

    /// <summary>Demands a wheelchair user cannot meet, whatever the building offers.</summary>
    private static readonly string[] OnFoot = ["standing_long", "walking_long", "climbing"];

    public static bool Fits(KioskPosition p, string access) => access switch
    {
        Wheelchair => p.Offers("step_free_access") && !p.Demands.Any(d => OnFoot.Contains(d, StringComparer.Ordinal)),
        SignLanguage => p.Offers("sign_language"),
        Remote => p.Remote || p.Offers("remote_work"),
        Seated => p.Offers("seated_work") || p.Remote,
        _ => false,
    };
}

public enum KioskSort { Best, Distance, Pay, Newest }

/// <summary>What a results page asks for: any mix of the home screen's choices.</summary>
public sealed record KioskQuery
{
    public string? Group { get; init; }
    public bool PublicWelfare { get; init; }
    public string? Access { get; init; }
    /// <summary>Only positions within <see cref="KioskCatalog.NearKm"/> of the street's centre.</summary>
    public bool Near { get; init; }
    /// <summary>A street's division code: distances are measured from its centre.</summary>
    public string? Street { get; init; }
    /// <summary>The signed-in person's home: distances are measured from it when no street is chosen.</summary>
    public GeoPoint? Home { get; init; }
    public string? Text { get; init; }
    public KioskSort Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 6;
}

/// <summary>A position on a results page; <paramref name="Score"/> is its relevance to the words typed (0..1), null without words.</summary>
public sealed record KioskHit(KioskPosition Position, double? DistanceKm, double? Score = null);

/// <summary>A page of results; <paramref name="DidYouMean"/> is the word searched instead of a near-miss (报安 → 保安).</summary>
public sealed record KioskResults(IReadOnlyList<KioskHit> Items, int Total, int Page, int PageCount, KioskSort Sort, string? DidYouMean = null);

public sealed record KioskStreet(string Code, string Name, GeoPoint Centre);

/// <summary>How many openings each home-screen choice holds now.</summary>
public sealed record KioskCounts(
    int All,
    IReadOnlyList<(string Group, int Count)> Groups,
    int PublicWelfare,
    IReadOnlyDictionary<string, int> Access);

/// <summary>
/// The kiosk's narrow read model of the job bank. It reads positions and streets only: persons,
/// households and referrals are out of its reach (the signed-in person's own view is
/// <see cref="KioskPersonal"/>).
/// </summary>
public sealed class KioskCatalog(AppDbContext db, PositionTextSearch textSearch, TimeProvider clock, KioskSnapshot snapshot)
{
    /// <summary>"Near me": within this distance of the street's centre.</summary>
    public const double NearKm = 3.0;
    public const string OtherGroup = "other";
    /// <summary>A page is at most this long; the `search` command asks for its top N in one page.</summary>
    public const int MaxPageSize = 10_000;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> GroupOfSkill = new(() =>
        Taxonomy.Taxonomy.Embedded.Skills.Where(s => !s.IsCertificate && s.Group != "certificate")
            .ToDictionary(s => s.Code, s => s.Group, StringComparer.Ordinal));

    /// <summary>Every kind of work in the taxonomy, in its file order, then "other".</summary>
    public static IReadOnlyList<string> AllGroups { get; } =
        Taxonomy.Taxonomy.Embedded.Skills.Where(s => !s.IsCertificate && s.Group != "certificate")
            .Select(s => s.Group).Distinct().Append(OtherGroup).ToArray();

    public DateOnly Today => clock.Today();

    private KioskSnapshot.Entry? _view;

    /// <summary>
    /// One snapshot for the whole of a request (the catalog is scoped): a page asking three
    /// questions reads the job bank's version once, and its answers agree with each other.
    /// </summary>
    private async ValueTask<KioskSnapshot.Entry> ViewAsync(DateOnly day, CancellationToken ct)
    {
        if (_view is { } view && view.Day == day)
        {
            return view;
        }
        return _view = await snapshot.GetAsync(db, day, ct);
    }

    /// <summary>Every position a kiosk may show today.</summary>
    public Task<IReadOnlyList<KioskPosition>> OpenPositionsAsync(CancellationToken ct) => OpenPositionsAsync(Today, ct);

    /// <summary>Every position a kiosk may show on <paramref name="today"/> (match rule 1).</summary>
    public async Task<IReadOnlyList<KioskPosition>> OpenPositionsAsync(DateOnly today, CancellationToken ct) =>
        (await ViewAsync(today, ct)).Open;

    public async Task<KioskPosition?> FindAsync(string? id, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return null;
        }
        return (await ViewAsync(Today, ct)).ById.GetValueOrDefault(id);
    }

    public async Task<IReadOnlyList<KioskStreet>> StreetsAsync(CancellationToken ct) => (await ViewAsync(Today, ct)).Streets;

    /// <summary>How many openings each home-screen choice holds now (<see cref="Count"/> of today's open positions).</summary>
    public async Task<KioskCounts> CountsAsync(CancellationToken ct) => (await ViewAsync(Today, ct)).Counts.Value;

    /// <summary>Openings near each street now (<see cref="CountNear"/> of today's open positions and streets).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsNearAsync(CancellationToken ct) => (await ViewAsync(Today, ct)).Near.Value;

    public async Task<KioskStreet?> StreetAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        return (await StreetsAsync(ct)).FirstOrDefault(s => s.Code == code);
    }

    public static KioskCounts Count(IReadOnlyList<KioskPosition> open)
    {
        var groups = AllGroups
            .Select(g => (Group: g, Count: open.Count(p => p.Groups.Contains(g, StringComparer.Ordinal))))
            .Where(g => g.Count > 0)
            .ToList();
        return new KioskCounts(open.Count, groups, open.Count(p => p.PublicWelfare),
            KioskAccess.All.ToDictionary(a => a, a => open.Count(p => KioskAccess.Fits(p, a)), StringComparer.Ordinal));
    }

    /// <summary>Openings within <see cref="NearKm"/> of each street's centre.</summary>
    public static IReadOnlyDictionary<string, int> CountNear(IReadOnlyList<KioskPosition> open, IReadOnlyList<KioskStreet> streets) =>
        streets.ToDictionary(s => s.Code, s => open.Count(p => p.Location is { } at && !p.Remote && Geo.DistanceKm(at, s.Centre) <= NearKm),
            StringComparer.Ordinal);

    public Task<KioskResults> SearchAsync(KioskQuery query, CancellationToken ct) => SearchAsync(query, Today, ct);

    /// <summary>The kiosk's search as it would answer on <paramref name="today"/>: what the `search` command runs.</summary>
    public async Task<KioskResults> SearchAsync(KioskQuery query, DateOnly today, CancellationToken ct)
    {
        var open = await OpenPositionsAsync(today, ct);
        var street = await StreetAsync(query.Street, ct);
        IEnumerable<KioskPosition> hits = open;
        if (!string.IsNullOrWhiteSpace(query.Group))
        {
            hits = hits.Where(p => p.Groups.Contains(query.Group, StringComparer.Ordinal));
        }
        if (query.PublicWelfare)
        {
            hits = hits.Where(p => p.PublicWelfare);
        }
        if (!string.IsNullOrWhiteSpace(query.Access))
        {
            hits = hits.Where(p => KioskAccess.Fits(p, query.Access));
        }
        var origin = street?.Centre ?? query.Home;
        double? DistanceOf(KioskPosition p) => origin is { } from && !p.Remote && p.Location is { } at ? Geo.DistanceKm(at, from) : null;
        if (query.Near && origin is not null)
        {
            hits = hits.Where(p => DistanceOf(p) is { } km && km <= NearKm);
        }
        Dictionary<string, double>? relevance = null;
        string? didYouMean = null;
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var found = textSearch.Search(query.Text.Trim(), today);
            didYouMean = found.DidYouMean;
            relevance = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var hit in found.Hits)
            {
                relevance.TryAdd(hit.Id, hit.Score);
            }
            hits = hits.Where(p => relevance.ContainsKey(p.Id));
        }

        var list = hits.Select(p => new KioskHit(p, DistanceOf(p), relevance?[p.Id])).ToList();
        var sort = query.Sort;
        if (sort == KioskSort.Distance && origin is null)
        {
            sort = KioskSort.Best;
        }
        if (sort == KioskSort.Best)
        {
            sort = relevance is not null ? KioskSort.Best : origin is not null ? KioskSort.Distance : KioskSort.Newest;
        }
        IOrderedEnumerable<KioskHit> ordered = sort switch
        {
            // Remote work has no distance: after every place, as "anywhere".
            KioskSort.Distance => list.OrderBy(h => h.DistanceKm ?? double.MaxValue),
            KioskSort.Pay => list.OrderByDescending(h => h.Position.MonthlyWage),
            KioskSort.Newest => list.OrderByDescending(h => h.Position.PublishedUtc ?? DateTime.MinValue),
            // Relevance first (concept, title, description), then the nearest where a street or the person's home is known.
            _ => list.OrderByDescending(h => h.Score ?? 0).ThenBy(h => h.DistanceKm ?? double.MaxValue),
        };
        var sorted = ordered.ThenBy(h => h.Position.Id, StringComparer.Ordinal).ToList();

        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var pageCount = Math.Max(1, (sorted.Count + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        return new KioskResults(sorted.Skip((page - 1) * pageSize).Take(pageSize).ToList(), sorted.Count, page, pageCount, sort, didYouMean);
    }

    internal static KioskPosition ToKiosk(Position p, string employerName, string? contactName = null, string? contactPhone = null)
    {
        var groups = p.RequiredSkills.Concat(p.PreferredSkills)
            .Select(c => GroupOfSkill.Value.GetValueOrDefault(c))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new KioskPosition
        {
            Id = p.Id,
            Title = p.Title,
            EmployerName = employerName,
            EmployerContactName = contactPhone is null ? null : contactName,
            EmployerContactPhone = contactPhone,
            Description = p.Description,
            PublicWelfare = p.PublicWelfare,
            MonthlyWage = (double)p.MonthlyWage,
            HoursPerWeek = p.HoursPerWeek,
            Remote = p.Remote,
            Location = p.Remote || p.Lat is null || p.Lon is null ? null : new GeoPoint(p.Lat.Value, p.Lon.Value),
            Address = p.Address,
            DivisionCode = p.DivisionCode,
            RequiredSkills = p.RequiredSkills.ToArray(),
            PreferredSkills = p.PreferredSkills.ToArray(),
            Accommodations = p.Accommodations.ToArray(),
            Demands = p.Demands.ToArray(),
            OpenPlaces = p.OpenPlaces,
            ValidUntil = p.ValidUntil,
            PublishedUtc = p.PublishedUtc,
            Groups = groups.Count == 0 ? [OtherGroup] : groups,
        };
    }
}
