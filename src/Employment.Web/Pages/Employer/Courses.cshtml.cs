using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Positions;
using Employment.Core.Taxonomy;
using Employment.Core.Training;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Employer;

/// <summary>
/// Order-based training (订单培训) as the employer asks for it: a course for some of its own open
/// positions, reviewed like a posting; the employer follows its orders here and reads a rejection's reason.
/// </summary>
[Authorize(Roles = Roles.Employer)]
public sealed class CoursesModel(AppDbContext db, CourseOrders orders, TimeProvider clock,
    IStringLocalizer<RefusalResource> refusals, IStringLocalizer<EmployerResource> text) : EmployerPageModel
{
    public sealed class OrderInput
    {
        public string? Title { get; set; }
        public List<string> Positions { get; set; } = [];
        public List<string> Skills { get; set; } = [];
        public int Level { get; set; } = 2;
        public int Seats { get; set; } = 10;
        public DateOnly? WishedStart { get; set; }
        public DateOnly? WishedEnd { get; set; }
    }

    public sealed record OpenPosition(string Id, string Title, IReadOnlyList<string> RequiredSkills);

    [BindProperty] public OrderInput Input { get; set; } = new();

    public IReadOnlyList<OpenPosition> Positions { get; private set; } = [];
    public IReadOnlyList<Course> Orders { get; private set; } = [];
    public IReadOnlyDictionary<string, string> PositionTitles { get; private set; } = new Dictionary<string, string>();
    /// <summary>The refusal of the last request, as a sentence, and the field it names.</summary>
    public string? Refusal { get; private set; }
    public string? RefusedField { get; private set; }
    public bool English => EmployerPortal.English;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        Input.WishedStart = today.AddDays(14);
        Input.WishedEnd = today.AddDays(44);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await orders.RequestAsync(EmployerId, new CourseOrderRequest(Input.Title, Input.Positions, Input.Skills, Input.Level, Input.Seats,
                Input.WishedStart, Input.WishedEnd), User.Actor(), ct);
            TempData["Message"] = "CourseOrder_Sent";
            return RedirectToPage();
        }
        catch (RefusalException refusal)
        {
            RefusedField = refusal.Field;
            var field = text["CourseOrder_Field_" + refusal.Field];
            Refusal = (field.ResourceNotFound ? "" : field.Value + "：") + refusals.Describe(refusal);
            await LoadAsync(ct);
            return Page();
        }
    }

    public TaxonomyPicker SkillPicker()
    {
        var suggested = Positions.Where(p => Input.Positions.Contains(p.Id) || Input.Positions.Count == 0)
            .SelectMany(p => p.RequiredSkills).ToHashSet();
        return new TaxonomyPicker("Input.Skills", "order-skill", text["CourseOrder_Skills"], Taxonomy.Embedded.Skills,
            Input.Skills.ToHashSet(), suggested, English, RefusedField == "skills" ? Refusal : null);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = clock.Today();
        Positions = (await db.Positions.AsNoTracking().Where(p => p.EmployerId == EmployerId).ListedOn(today)
            .OrderBy(p => p.Title).ThenBy(p => p.Id).Select(p => new { p.Id, p.Title, p.RequiredSkills }).ToListAsync(ct))
            .Select(p => new OpenPosition(p.Id, p.Title, p.RequiredSkills)).ToList();
        Orders = await db.Courses.AsNoTracking().Where(c => c.RequestedBy == EmployerId)
            .OrderByDescending(c => c.CreatedUtc).ThenBy(c => c.Id).Take(100).ToListAsync(ct);
        var ids = Orders.SelectMany(o => o.ForPositions).Distinct().ToList();
        PositionTitles = await db.Positions.AsNoTracking().Where(p => ids.Contains(p.Id) && p.EmployerId == EmployerId)
            .ToDictionaryAsync(p => p.Id, p => p.Title, ct);
    }

    public string SkillNames(IEnumerable<Core.Matching.SkillLevel> skills) =>
        string.Join("、", skills.Select(s => Taxonomy.Embedded.Find(s.Code)?.Name(English) ?? s.Code));
}
