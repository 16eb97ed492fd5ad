using System.Globalization;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Employers;
using Employment.Core.Households;
using Employment.Core.Positions;
using Employment.Core.Review;
using Employment.Core.Taxonomy;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Employer;

/// <summary>
/// Post or edit one of the employer's positions: every field of the contract, taxonomy pickers,
/// suggestions from the text (a JS call as the employer types, or the "suggest" button without JS),
/// save as draft or send for review.
/// </summary>
[Authorize(Roles = Roles.Employer)]
public sealed class EditModel(AppDbContext db, PositionPosting posting, TaxonomySuggester suggester, WordingCheck wording,
    IStringLocalizer<EmployerResource> text) : EmployerPageModel
{
    /// <summary>Numbers and dates as typed, so a wrong one gets this form's own message rather than the framework's.</summary>
    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public bool PublicWelfare { get; set; }
        public string? Headcount { get; set; } = "1";
        public string? MonthlyWage { get; set; }
        public string? HoursPerWeek { get; set; } = "40";
        public bool Remote { get; set; }
        public string? DivisionCode { get; set; }
        public string? Lat { get; set; }
        public string? Lon { get; set; }
        public string? Address { get; set; }
        public List<string> RequiredSkills { get; set; } = [];
        public List<string> PreferredSkills { get; set; } = [];
        public List<string> Accommodations { get; set; } = [];
        public List<string> Demands { get; set; } = [];
        public string? MinAge { get; set; }
        public string? MaxAge { get; set; }
        public string? MinEducation { get; set; }
        public string? ValidUntil { get; set; }
        public string? MonthlySubsidy { get; set; }
        public string? FundingBody { get; set; }
        public string? FundedUntil { get; set; }
        public Guid? Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public Position? Existing { get; private set; }
    public IReadOnlyList<Division> Streets { get; private set; } = [];
    public IReadOnlyList<TaxonomySuggestion> Suggestions { get; private set; } = [];
    public bool ShowSuggestions { get; private set; }
    public IReadOnlyList<WordingFlag> Flags { get; private set; } = [];
    public IReadOnlyList<PositionStatusChange> History { get; private set; } = [];
    public bool English => EmployerPortal.English;
    public bool CanEdit => Existing is null || PositionPosting.IsEditable(Existing.Status);

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        if (id is not null)
        {
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }
            Input = FromPosition(Existing!);
            Flags = wording.Check(new WordingInput(Existing!.Title, Existing.Description, Existing.MinAge, Existing.MaxAge, Existing.Demands));
        }
        await LoadListsAsync(ct);
        // A location picked as a street is stored as its centre; show it as the street, not as typed coordinates.
        if (Streets.FirstOrDefault(s => s.Code == Existing?.DivisionCode) is { } street && street.Lat == Existing!.Lat && street.Lon == Existing.Lon)
        {
            Input.Lat = Input.Lon = null;
        }
        return Page();
    }

    public Task<IActionResult> OnPostDraftAsync(string? id, CancellationToken ct) => SaveAsync(id, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(string? id, CancellationToken ct) => SaveAsync(id, submit: true, ct);

    /// <summary>The no-JS way to the suggestions: the form comes back as typed, with them marked.</summary>
    public async Task<IActionResult> OnPostSuggestAsync(string? id, CancellationToken ct)
    {
        if (id is not null && !await LoadAsync(id, ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        Suggestions = suggester.Suggest(Input.Title, Input.Description);
        ShowSuggestions = true;
        await LoadListsAsync(ct);
        return Page();
    }

    private async Task<IActionResult> SaveAsync(string? id, bool submit, CancellationToken ct)
    {
        if (id is not null && !await LoadAsync(id, ct))
        {
            return NotFound();
        }
        // The framework's binding errors are replaced by this form's own parsing below.
        ModelState.Clear();
        var (draft, parseErrors) = Parse(Input);
        try
        {
            if (parseErrors.Count > 0)
            {
                // Report the parse errors with every other problem, not one round-trip each.
                var more = await posting.ValidateAsync(Employer, draft, submit || Existing?.Status == PositionStatus.Open, ct);
                throw new FieldErrorsException(parseErrors.Concat(more.Where(m => parseErrors.All(p => p.Field != m.Field))).ToList());
            }
            var wasOpen = Existing?.Status == PositionStatus.Open;
            var employer = await db.Employers.FirstAsync(e => e.Id == EmployerId, ct);
            var saved = await posting.SaveAsync(employer, Existing, Input.Version, draft, submit, User.Actor(), ct);
            TempData["Message"] = wasOpen ? "Saved_BackToReview" : saved.Status == PositionStatus.InReview ? "Saved_Submitted" : "Saved_Draft";
            return RedirectToPage("/Employer/Edit", new { id = saved.Id });
        }
        catch (FieldErrorsException ex)
        {
            ex.Errors.AddTo(ModelState, text);
            await LoadListsAsync(ct);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        // Scoped to the signed-in employer: another employer's id is simply not found.
        Existing = await db.Positions.Include(p => p.History).FirstOrDefaultAsync(p => p.Id == id && p.EmployerId == EmployerId, ct);
        return Existing is not null;
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        Streets = await db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.Street && d.Lat != null && d.Lon != null)
            .OrderBy(d => d.Code).ToListAsync(ct);
        History = Existing?.History.OrderByDescending(h => h.Id).ToList() ?? [];
    }

    public TaxonomyPicker Picker(string field, string prefix, string legendKey, IReadOnlyList<TaxonomyTerm> terms, IEnumerable<string> selected,
        TaxonomyKind? suggestedKind)
    {
        var suggested = suggestedKind is { } kind ? Suggestions.Where(s => s.Kind == kind).Select(s => s.Code).ToHashSet() : [];
        var error = ModelState.TryGetValue("Input." + field, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
        return new TaxonomyPicker("Input." + field, prefix, text[legendKey], terms, selected.ToHashSet(), suggested, English, error);
    }

    private static InputModel FromPosition(Position p) => new()
    {
        Title = p.Title,
        Description = p.Description,
        PublicWelfare = p.PublicWelfare,
        Headcount = p.Headcount.ToString(CultureInfo.InvariantCulture),
        MonthlyWage = p.MonthlyWage.ToString("0.##", CultureInfo.InvariantCulture),
        HoursPerWeek = p.HoursPerWeek.ToString("0.##", CultureInfo.InvariantCulture),
        Remote = p.Remote,
        DivisionCode = p.DivisionCode,
        // Coordinates show only when they are not just the street's centre.
        Lat = p.Lat?.ToString("0.######", CultureInfo.InvariantCulture),
        Lon = p.Lon?.ToString("0.######", CultureInfo.InvariantCulture),
        Address = p.Address,
        RequiredSkills = p.RequiredSkills.ToList(),
        PreferredSkills = p.PreferredSkills.ToList(),
        Accommodations = p.Accommodations.ToList(),
        Demands = p.Demands.ToList(),
        MinAge = p.MinAge?.ToString(CultureInfo.InvariantCulture),
        MaxAge = p.MaxAge?.ToString(CultureInfo.InvariantCulture),
        MinEducation = p.MinEducation?.ToWire(),
        ValidUntil = p.ValidUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        MonthlySubsidy = p.MonthlySubsidy?.ToString("0.##", CultureInfo.InvariantCulture),
        FundingBody = p.FundingBody,
        FundedUntil = p.FundedUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Version = p.Version,
    };

    /// <summary>Reads the typed numbers and dates; each one that does not parse is a field error.</summary>
    private static (PositionDraft Draft, List<FieldError> Errors) Parse(InputModel i)
    {
        var errors = new List<FieldError>();
        T? Number<T>(string field, string? value) where T : struct, IParsable<T>
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            if (T.TryParse(value.Trim(), CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
            errors.Add(new FieldError(field, ErrorCodes.Format));
            return null;
        }

        Education? education = null;
        if (!string.IsNullOrWhiteSpace(i.MinEducation))
        {
            education = Enum.GetValues<Education>().Where(e => e.ToWire() == i.MinEducation.Trim()).Cast<Education?>().FirstOrDefault();
            if (education is null)
            {
                errors.Add(new FieldError(nameof(i.MinEducation), ErrorCodes.UnknownCode, i.MinEducation));
            }
        }
        DateOnly? Date(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }
            errors.Add(new FieldError(field, ErrorCodes.Format));
            return null;
        }
        var until = Date(nameof(i.ValidUntil), i.ValidUntil);
        var draft = new PositionDraft
        {
            Title = i.Title,
            Description = i.Description,
            PublicWelfare = i.PublicWelfare,
            Headcount = Number<int>(nameof(i.Headcount), i.Headcount),
            MonthlyWage = Number<decimal>(nameof(i.MonthlyWage), i.MonthlyWage),
            HoursPerWeek = Number<double>(nameof(i.HoursPerWeek), i.HoursPerWeek),
            Remote = i.Remote,
            DivisionCode = string.IsNullOrWhiteSpace(i.DivisionCode) ? null : i.DivisionCode,
            Lat = Number<double>(nameof(i.Lat), i.Lat),
            Lon = Number<double>(nameof(i.Lon), i.Lon),
            Address = i.Address,
            RequiredSkills = i.RequiredSkills,
            PreferredSkills = i.PreferredSkills,
            Accommodations = i.Accommodations,
            Demands = i.Demands,
            MinAge = Number<int>(nameof(i.MinAge), i.MinAge),
            MaxAge = Number<int>(nameof(i.MaxAge), i.MaxAge),
            MinEducation = education,
            ValidUntil = until,
            MonthlySubsidy = Number<decimal>(nameof(i.MonthlySubsidy), i.MonthlySubsidy),
            FundingBody = i.FundingBody,
            FundedUntil = Date(nameof(i.FundedUntil), i.FundedUntil),
        };
        return (draft, errors);
    }
}
