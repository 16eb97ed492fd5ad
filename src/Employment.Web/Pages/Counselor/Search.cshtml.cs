using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Search;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Employment.Web.Pages.Counselor;

[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class SearchModel(AppDbContext db, TalentPoolSearch search, TimeProvider clock) : PageModel
{
    public sealed class FilterModel
    {
        public string? Name { get; set; }
        public string? Skill { get; set; }
        public string? Category { get; set; }
        public string? Cause { get; set; }
        public string? Street { get; set; }
        public bool Disabled { get; set; }
        public bool Zero { get; set; }
        public bool Stale { get; set; }
        public bool Available { get; set; }
        public string Sort { get; set; } = "name";
        public bool Desc { get; set; }
        public int Page { get; set; } = 1;
    }

    public sealed record Row(string PersonId, string Name, string HouseholdId, int Age, string? Street, HouseholdCategory? Category,
        IReadOnlyList<string> Skills, PersonStatus Status, bool Employed, bool Disabled, decimal IncomePerHead, DateTime? LastReferredUtc);

    [BindProperty(SupportsGet = true, Name = "f")] public FilterModel Filter { get; set; } = new();

    public TalentPoolPage Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Division> Streets { get; private set; } = [];
    public IReadOnlyDictionary<string, string> StreetNames { get; private set; } = new Dictionary<string, string>();

    public static readonly string[] Sorts = ["name", "age", "income", "lastref", "registered"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var areas = User.SearchAreas();
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.Street || d.Level == DivisionLevel.Community).ToListAsync(ct);
        StreetNames = divisions.ToDictionary(d => d.Code, d => d.Name);
        Streets = divisions.Where(d => d.Level == DivisionLevel.Street && User.Scope().Covers(d.Code))
            .Concat(divisions.Where(d => d.Level == DivisionLevel.Community && areas is not null && areas.Contains(d.Code)))
            .OrderBy(d => d.Code, StringComparer.Ordinal).ToList();

        var query = new TalentPoolQuery
        {
            Name = Trimmed(Filter.Name, 50),
            Skill = Trimmed(Filter.Skill, 64),
            Category = WireNames.TryParseCategory(Filter.Category, out var category) ? category : null,
            Cause = WireNames.TryParseCause(Filter.Cause, out var cause) ? cause : null,
            Street = Trimmed(Filter.Street, 12),
            Disabled = Filter.Disabled,
            ZeroEmployment = Filter.Zero,
            NotReferredRecently = Filter.Stale,
            AvailableOnly = Filter.Available,
            Areas = areas,
            Sort = Filter.Sort switch
            {
                "age" => TalentPoolSort.Age,
                "income" => TalentPoolSort.IncomePerHead,
                "lastref" => TalentPoolSort.LastReferred,
                "registered" => TalentPoolSort.Registered,
                _ => TalentPoolSort.Name,
            },
            Descending = Filter.Desc,
            Page = Filter.Page,
        };
        Result = search.Search(query);
        Filter.Page = Result.Page;

        // The page shows the database's current record; the index only chose and ordered the ids.
        // The area test runs again here, so even a stale index document could not show another street.
        var ids = Result.PersonIds.ToList();
        var persons = await db.VisiblePersons(User).AsNoTracking().Include(p => p.Household).Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        var last = await db.Referrals.AsNoTracking().Where(r => ids.Contains(r.PersonId))
            .GroupBy(r => r.PersonId).Select(g => new { g.Key, Last = g.Max(r => r.CreatedUtc) }).ToDictionaryAsync(g => g.Key, g => g.Last, ct);
        var byId = persons.ToDictionary(p => p.Id);
        Rows = ids.Where(byId.ContainsKey).Select(id =>
        {
            var p = byId[id];
            var h = p.Household!;
            return new Row(p.Id, p.Name, p.HouseholdId, p.Age, h.DivisionCode, h.Category, p.Skills.Select(s => s.Code).ToList(), p.Status,
                p.Employed, p.DisabilityType is not null, HouseholdStanding.IncomePerHead(h), last.TryGetValue(p.Id, out var at) ? at : null);
        }).ToList();
        HttpContext.ShownAll(AuditTrail.Person, Rows.Select(r => r.PersonId), AuditDetail.Of(AuditDetails.TalentPoolSearch));
    }

    /// <summary>The arrow beside the column the list is sorted by.</summary>
    public string Arrow(string sort) => Filter.Sort == sort ? (Filter.Desc ? " ▼" : " ▲") : "";

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The current filter as query-string values, with some changed: for sort and page links.</summary>
    public Dictionary<string, string> With(string? sort = null, bool? desc = null, int? page = null)
    {
        var values = new Dictionary<string, string>();
        void Put(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values["f." + key] = value;
            }
        }
        Put("Name", Filter.Name);
        Put("Skill", Filter.Skill);
        Put("Category", Filter.Category);
        Put("Cause", Filter.Cause);
        Put("Street", Filter.Street);
        Put("Disabled", Filter.Disabled ? "true" : null);
        Put("Zero", Filter.Zero ? "true" : null);
        Put("Stale", Filter.Stale ? "true" : null);
        Put("Available", Filter.Available ? "true" : null);
        Put("Sort", sort ?? Filter.Sort);
        Put("Desc", (desc ?? Filter.Desc) ? "true" : null);
        Put("Page", (page ?? Filter.Page).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return values;
    }

    private static string? Trimmed(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var t && t.Length > max ? t[..max] : value.Trim();
}
