using Employment.Core.Domain;
using System.ComponentModel.DataAnnotations;
using Employment.Core.Data;
using Employment.Core.Placement;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.FollowUps;

/// <summary>Records a follow-up's outcome through the placement workflow; a lost job ends the placement there.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
[FollowUpInArea]
public sealed class RecordModel(AppDbContext db, PlacementWorkflow workflow, SatisfactionSurveys surveys,
    IStringLocalizer<SchedulingResource> text, IStringLocalizer<RefusalResource> refusals) : PageModel
{
    public sealed class InputModel
    {
        public bool StillEmployed { get; set; } = true;
        public decimal? MonthlyWage { get; set; }
        [MaxLength(1000)] public string? Note { get; set; }
        /// <summary>The person's satisfaction (满意度), asked at the visit: all three or none.</summary>
        public int? Job { get; set; }
        public int? Pay { get; set; }
        public int? Service { get; set; }
        [MaxLength(SatisfactionAnswer.MaxRemarkLength)] public string? Remark { get; set; }

        public bool Answered => Job is not null || Pay is not null || Service is not null || !string.IsNullOrWhiteSpace(Remark);
    }

    public static readonly int[] Scale = [1, 2, 3, 4, 5];

    [FromRoute] public long Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public string PersonName { get; private set; } = "";
    public string PositionTitle { get; private set; } = "";
    public FollowUp? FollowUp { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Input.MonthlyWage = FollowUp!.Placement!.MonthlyWage;
        HttpContext.Shown(AuditTrail.Person, FollowUp.Placement.PersonId, AuditDetail.Of(AuditDetails.FollowUpPage, Id));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        if (FollowUp!.DoneUtc is not null)
        {
            ModelState.AddModelError("", text["AlreadyDone"]);
        }
        if (Input.MonthlyWage is < 0 or > Core.Domain.InputRules.MonthlyWageMax)
        {
            ModelState.AddModelError("Input.MonthlyWage", text["WageInvalid"]);
        }
        if (Input.Answered)
        {
            foreach (var (field, value) in new[] { (nameof(InputModel.Job), Input.Job), (nameof(InputModel.Pay), Input.Pay), (nameof(InputModel.Service), Input.Service) })
            {
                if (value is not (>= 1 and <= 5))
                {
                    ModelState.AddModelError("Input." + field, text["SurveyScale"]);
                }
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            await workflow.RecordFollowUpAsync(Id, new FollowUpOutcome(Input.StillEmployed, Input.MonthlyWage, Input.Note?.Trim()), User.Actor(),
                HttpContext.RequestAborted);
            if (Input.Answered)
            {
                await surveys.RecordAsync(FollowUp.PlacementId, SurveySource.FollowUp,
                    new SurveyInput(Input.Job!.Value, Input.Pay!.Value, Input.Service!.Value, Input.Remark), User.Actor(), Id, HttpContext.RequestAborted);
            }
        }
        catch (RefusalException refusal)
        {
            ModelState.AddModelError(refusal.Field == "monthlyWage" ? "Input.MonthlyWage" : "", refusals.Describe(refusal));
            return Page();
        }
        Message = text["Recorded"];
        return RedirectToPage("/FollowUps/Index");
    }

    /// <summary>The follow-up, if it exists and its person lives in the user's area (object ownership, checked on the server).</summary>
    private async Task<bool> LoadAsync()
    {
        FollowUp = await db.FollowUps.AsNoTracking().Include(f => f.Placement).FirstOrDefaultAsync(f => f.Id == Id, HttpContext.RequestAborted);
        if (FollowUp?.Placement is not { } placement)
        {
            return false;
        }
        var person = await db.Persons.AsNoTracking().Include(p => p.Household)
            .FirstOrDefaultAsync(p => p.Id == placement.PersonId, HttpContext.RequestAborted);
        if (person is null || !User.Scope().CoversPerson(person))
        {
            return false;
        }
        PersonName = person.Name;
        PositionTitle = await db.Positions.AsNoTracking().Where(p => p.Id == placement.PositionId).Select(p => p.Title)
            .FirstAsync(HttpContext.RequestAborted);
        return true;
    }
}

/// <summary>
/// Refuses (404) a follow-up of another area before anything else looks at the request, the
/// antiforgery check included: a foreign record is not found, whatever the form carries.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class FollowUpInAreaAttribute : Attribute, Microsoft.AspNetCore.Mvc.Filters.IAsyncAuthorizationFilter, Microsoft.AspNetCore.Mvc.Filters.IOrderedFilter
{
    // Before AutoValidateAntiforgeryToken (order 1000), after [Authorize] (the policy filter runs first).
    public int Order => 500;

    public async Task OnAuthorizationAsync(Microsoft.AspNetCore.Mvc.Filters.AuthorizationFilterContext context)
    {
        if (context.HttpContext.User.Identity?.IsAuthenticated != true
            || !long.TryParse(context.RouteData.Values["id"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var division = await (from f in db.FollowUps.AsNoTracking()
                              join pl in db.Placements.AsNoTracking() on f.PlacementId equals pl.Id
                              join p in db.Persons.AsNoTracking() on pl.PersonId equals p.Id
                              join h in db.Households.AsNoTracking() on p.HouseholdId equals h.Id
                              where f.Id == id
                              select new { Code = p.DivisionCode ?? h.DivisionCode }).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (division is null || !context.HttpContext.User.Scope().Covers(division.Code))
        {
            context.Result = new NotFoundResult();
        }
    }
}
