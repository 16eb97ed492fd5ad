using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Training;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Counselor.Review;

/// <summary>
/// An employer's order for a course as the reviewer reads it: the positions it is for, the skills
/// and seats asked for; approve with the provider, dates and place completed, or reject with a reason.
/// </summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class CourseModel(AppDbContext db, CourseOrders orders,
    IStringLocalizer<RefusalResource> refusals, IStringLocalizer<EmployerResource> text) : PageModel
{
    public sealed record PositionLine(string Id, string Title, int Places, decimal MonthlyWage);

    public Course Course { get; private set; } = null!;
    public string EmployerName { get; private set; } = "";
    public IReadOnlyList<PositionLine> Positions { get; private set; } = [];
    public string? Refusal { get; private set; }
    public bool English => EmployerPortal.English;

    [BindProperty] public Guid Version { get; set; }
    [BindProperty] public string? Provider { get; set; }
    [BindProperty] public DateOnly? StartDate { get; set; }
    [BindProperty] public DateOnly? EndDate { get; set; }
    [BindProperty] public double? HoursPerWeek { get; set; }
    [BindProperty] public bool Remote { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public bool Subsidized { get; set; } = true;
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        StartDate = Course.StartDate;
        EndDate = Course.EndDate;
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(string id, CancellationToken ct) =>
        DecideAsync(id, () => orders.ApproveAsync(id, Version, new CourseOrderApproval(Provider, StartDate, EndDate, HoursPerWeek, Remote, Address, Subsidized), User.Actor(), ct),
            "CourseOrder_Approved", ct);

    public Task<IActionResult> OnPostRejectAsync(string id, CancellationToken ct) =>
        DecideAsync(id, () => orders.RejectAsync(id, Version, Reason, User.Actor(), ct), "CourseOrder_Rejected", ct);

    private async Task<IActionResult> DecideAsync(string id, Func<Task<Course>> decide, string message, CancellationToken ct)
    {
        try
        {
            await decide();
            TempData["Message"] = message;
            return RedirectToPage("/Counselor/Review/Index");
        }
        catch (RefusalException refusal) when (refusal.Code != RefusalCodes.NoSuchRecord)
        {
            var field = text["CourseOrder_Field_" + refusal.Field];
            Refusal = (field.ResourceNotFound ? "" : field.Value + "：") + refusals.Describe(refusal);
        }
        catch (RefusalException)
        {
            return NotFound();
        }
        catch (DbUpdateConcurrencyException)
        {
            Refusal = refusals.Describe(RefusalCodes.ChangedMeanwhile);
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.RequestedBy != null, ct);
        if (course is null)
        {
            return false;
        }
        Course = course;
        EmployerName = await db.Employers.AsNoTracking().Where(e => e.Id == course.RequestedBy).Select(e => e.Name).FirstOrDefaultAsync(ct) ?? "";
        Positions = await db.Positions.AsNoTracking().Where(p => course.ForPositions.Contains(p.Id))
            .OrderBy(p => p.Id).Select(p => new PositionLine(p.Id, p.Title, p.Headcount - p.Filled, p.MonthlyWage)).ToListAsync(ct);
        return true;
    }

    public string SkillNames() =>
        string.Join("、", Course.Skills.Select(s => (Core.Taxonomy.Taxonomy.Embedded.Find(s.Code)?.Name(English) ?? s.Code) + " · " + text["CourseOrder_Level_" + s.Level]));
}
