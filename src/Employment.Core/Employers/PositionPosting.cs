using System.Security.Cryptography;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Positions;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Employers;

/// <summary>
/// What an employer writes about a position: every field of the interchange contract. The location
/// is a street of the region (its centre is used) or coordinates typed in; coordinates win when both are given.
/// </summary>
public sealed record PositionDraft
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public bool PublicWelfare { get; init; }
    public int? Headcount { get; init; }
    public decimal? MonthlyWage { get; init; }
    public double? HoursPerWeek { get; init; }
    public bool Remote { get; init; }
    public string? DivisionCode { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public string? Address { get; init; }
    public IReadOnlyList<string> RequiredSkills { get; init; } = [];
    public IReadOnlyList<string> PreferredSkills { get; init; } = [];
    public IReadOnlyList<string> Accommodations { get; init; } = [];
    public IReadOnlyList<string> Demands { get; init; } = [];
    public int? MinAge { get; init; }
    public int? MaxAge { get; init; }
    public Education? MinEducation { get; init; }
    public DateOnly? ValidUntil { get; init; }
    /// <summary>A public-welfare post's funding: monthly subsidy per place, who pays it, until when.</summary>
    public decimal? MonthlySubsidy { get; init; }
    public string? FundingBody { get; init; }
    public DateOnly? FundedUntil { get; init; }

    public static PositionDraft From(Position p) => new()
    {
        Title = p.Title, Description = p.Description, PublicWelfare = p.PublicWelfare, Headcount = p.Headcount,
        MonthlyWage = p.MonthlyWage, HoursPerWeek = p.HoursPerWeek, Remote = p.Remote, DivisionCode = p.DivisionCode,
        Lat = p.Lat, Lon = p.Lon, Address = p.Address, RequiredSkills = p.RequiredSkills, PreferredSkills = p.PreferredSkills,
        Accommodations = p.Accommodations, Demands = p.Demands, MinAge = p.MinAge, MaxAge = p.MaxAge,
        MinEducation = p.MinEducation, ValidUntil = p.ValidUntil,
        MonthlySubsidy = p.MonthlySubsidy, FundingBody = p.FundingBody, FundedUntil = p.FundedUntil,
    };
}

/// <summary>
/// An employer's positions: validated, saved as drafts or sent for review, and sent back to review
/// when an open one is edited, so nothing reaches the job bank that a counselor has not read.
/// </summary>
public sealed class PositionPosting(AppDbContext db, TimeProvider clock)
{
    /// <summary>The district's box: its divisions' centres and <see cref="InputRules.DistrictMarginDegrees"/> around them.</summary>
    public static async Task<GeoBox> DistrictBoxAsync(AppDbContext db, CancellationToken ct)
    {
        var centres = await db.Divisions.AsNoTracking().Where(x => x.Lat != null && x.Lon != null)
            .Select(x => new { Lat = x.Lat!.Value, Lon = x.Lon!.Value }).ToListAsync(ct);
        return GeoBox.Around(centres.Select(c => (c.Lat, c.Lon)).ToList(), InputRules.DistrictMarginDegrees);
    }

    public static bool IsEditable(PositionStatus status) =>
        status is PositionStatus.Draft or PositionStatus.InReview or PositionStatus.Rejected or PositionStatus.Open;

    /// <summary>Every problem with the draft at once. A draft only needs a title; a submission needs everything the contract requires.</summary>
    public async Task<IReadOnlyList<FieldError>> ValidateAsync(Employer employer, PositionDraft d, bool submit, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var taxonomy = Taxonomy.Taxonomy.Embedded;
        Text(errors, nameof(d.Title), d.Title, InputRules.TitleMax, required: true);
        Text(errors, nameof(d.Description), d.Description, InputRules.DescriptionMax, required: false, multiline: true);
        Text(errors, nameof(d.Address), d.Address, InputRules.AddressMax, required: false);
        if (d.PublicWelfare && !employer.PublicSector)
        {
            errors.Add(new FieldError(nameof(d.PublicWelfare), ErrorCodes.PublicWelfareNeedsPublicSector));
        }
        if (!d.PublicWelfare && (d.MonthlySubsidy is not null || !string.IsNullOrWhiteSpace(d.FundingBody) || d.FundedUntil is not null))
        {
            // Funding belongs to public-welfare posts only: a private post's wage is the employer's.
            errors.Add(new FieldError(nameof(d.MonthlySubsidy), ErrorCodes.FundingNeedsPublicWelfare));
        }
        Range(errors, nameof(d.MonthlySubsidy), d.MonthlySubsidy, 0m, InputRules.MonthlyWageMax);
        Text(errors, nameof(d.FundingBody), d.FundingBody, InputRules.EmployerNameMax, required: false);
        Range(errors, nameof(d.Headcount), d.Headcount, 1, InputRules.HeadcountMax);
        if (d.MonthlyWage is null && submit)
        {
            errors.Add(new FieldError(nameof(d.MonthlyWage), ErrorCodes.Required));
        }
        Range(errors, nameof(d.MonthlyWage), d.MonthlyWage, 1m, InputRules.MonthlyWageMax);
        Range(errors, nameof(d.HoursPerWeek), d.HoursPerWeek, 1.0, InputRules.HoursPerWeekMax);
        Range(errors, nameof(d.MinAge), d.MinAge, 16, 100);
        Range(errors, nameof(d.MaxAge), d.MaxAge, 16, 100);
        if (d.MinAge is { } min && d.MaxAge is { } max && min > max)
        {
            errors.Add(new FieldError(nameof(d.MaxAge), ErrorCodes.AgeOrder));
        }
        if (d.ValidUntil is { } until && submit && until < clock.Today())
        {
            errors.Add(new FieldError(nameof(d.ValidUntil), ErrorCodes.InPast));
        }

        Codes(errors, nameof(d.RequiredSkills), d.RequiredSkills, c => taxonomy.IsKnown(c, Taxonomy.TaxonomyKind.Skill));
        Codes(errors, nameof(d.PreferredSkills), d.PreferredSkills, c => taxonomy.IsKnown(c, Taxonomy.TaxonomyKind.Skill));
        Codes(errors, nameof(d.Accommodations), d.Accommodations, c => taxonomy.IsKnown(c, Taxonomy.TaxonomyKind.Accommodation));
        Codes(errors, nameof(d.Demands), d.Demands, c => taxonomy.IsKnown(c, Taxonomy.TaxonomyKind.Demand));

        if ((d.Lat is null) != (d.Lon is null))
        {
            errors.Add(new FieldError(d.Lat is null ? nameof(d.Lat) : nameof(d.Lon), ErrorCodes.CoordinatesPair));
        }
        // Typed coordinates land in the district (its streets' box and a margin), as imported ones must.
        var box = await DistrictBoxAsync(db, ct);
        Range(errors, nameof(d.Lat), d.Lat, box.MinLat, box.MaxLat);
        Range(errors, nameof(d.Lon), d.Lon, box.MinLon, box.MaxLon);
        if (!string.IsNullOrWhiteSpace(d.DivisionCode) && await StreetAsync(d.DivisionCode, ct) is null)
        {
            errors.Add(new FieldError(nameof(d.DivisionCode), ErrorCodes.UnknownDivision, d.DivisionCode));
        }
        if (submit && !d.Remote && d.Lat is null && string.IsNullOrWhiteSpace(d.DivisionCode))
        {
            errors.Add(new FieldError(nameof(d.DivisionCode), ErrorCodes.LocationRequired));
        }
        return errors;
    }

    /// <summary>
    /// Creates or updates the employer's position in one save. <paramref name="existing"/> must have
    /// been loaded scoped to the employer; <paramref name="version"/> is what the form was built from.
    /// </summary>
    public async Task<Position> SaveAsync(Employer employer, Position? existing, Guid? version, PositionDraft d, bool submit,
        string actor, CancellationToken ct = default)
    {
        if (existing is not null && existing.EmployerId != employer.Id)
        {
            throw new InvalidOperationException($"position {existing.Id} is not employer {employer.Id}'s");
        }
        var errors = new List<FieldError>();
        if (existing is not null && !IsEditable(existing.Status))
        {
            errors.Add(new FieldError("", ErrorCodes.NotEditable, existing.Status.ToString()));
        }
        // An edit must say which version it was made from; one without is as stale as a wrong one.
        if (existing is not null && version != existing.Version)
        {
            errors.Add(new FieldError("", ErrorCodes.Changed));
        }
        // An open position is live: any edit has to be read again before it is.
        var goesToReview = submit || existing?.Status == PositionStatus.Open;
        errors.AddRange(await ValidateAsync(employer, d, goesToReview, ct));
        if (errors.Count > 0)
        {
            throw new FieldErrorsException(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var position = existing ?? new Position
        {
            Id = await NewIdAsync(employer.Id, ct),
            Title = "",
            EmployerId = employer.Id,
            CreatedUtc = now,
        };
        await ApplyAsync(position, d, ct);
        position.UpdatedUtc = now;
        if (existing is null)
        {
            db.Positions.Add(position);
        }

        switch (position.Status)
        {
            case PositionStatus.Open:
                position.MoveTo(PositionStatus.InReview, actor, "edited while open: back to review", now);
                break;
            case PositionStatus.Draft or PositionStatus.Rejected when submit:
                position.MoveTo(PositionStatus.InReview, actor, "submitted for review", now);
                break;
            case PositionStatus.Rejected:
                position.MoveTo(PositionStatus.Draft, actor, "edited after rejection", now);
                break;
            case PositionStatus.InReview when !submit:
                position.MoveTo(PositionStatus.Draft, actor, "taken back from review", now);
                break;
        }
        await db.SaveChangesAsync(ct);
        return position;
    }

    private async Task ApplyAsync(Position p, PositionDraft d, CancellationToken ct)
    {
        p.Title = d.Title!.Trim();
        p.Description = Clean(d.Description);
        p.PublicWelfare = d.PublicWelfare;
        p.Headcount = d.Headcount ?? 1;
        p.MonthlyWage = d.MonthlyWage ?? 0;
        p.HoursPerWeek = d.HoursPerWeek ?? 40;
        p.Remote = d.Remote;
        p.Address = Clean(d.Address);
        var street = string.IsNullOrWhiteSpace(d.DivisionCode) ? null : await StreetAsync(d.DivisionCode, ct);
        p.DivisionCode = street?.Code;
        if (d.Lat is { } lat && d.Lon is { } lon)
        {
            p.Lat = lat;
            p.Lon = lon;
        }
        else
        {
            p.Lat = street?.Lat;
            p.Lon = street?.Lon;
        }
        p.RequiredSkills = Distinct(d.RequiredSkills);
        // A skill both required and preferred is required: the stronger statement wins.
        p.PreferredSkills = Distinct(d.PreferredSkills).Except(p.RequiredSkills).ToList();
        p.Accommodations = Distinct(d.Accommodations);
        p.Demands = Distinct(d.Demands);
        p.MinAge = d.MinAge;
        p.MaxAge = d.MaxAge;
        p.MinEducation = d.MinEducation is Education.None ? null : d.MinEducation;
        p.ValidUntil = d.ValidUntil;
        p.MonthlySubsidy = d.PublicWelfare ? d.MonthlySubsidy : null;
        p.FundingBody = d.PublicWelfare ? Clean(d.FundingBody) : null;
        p.FundedUntil = d.PublicWelfare ? d.FundedUntil : null;
    }

    /// <summary>Streets and communities with a centre: what the location picker offers.</summary>
    public Task<Division?> StreetAsync(string code, CancellationToken ct) => StreetAsync(db, code, ct);

    /// <summary>A street or community of the district with a centre: where a position or a household may be placed.</summary>
    public static async Task<Division?> StreetAsync(AppDbContext db, string code, CancellationToken ct) =>
        await db.Divisions.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code.Trim()
            && (x.Level == DivisionLevel.Street || x.Level == DivisionLevel.Community) && x.Lat != null && x.Lon != null, ct);

    private async Task<string> NewIdAsync(string employerId, CancellationToken ct)
    {
        // A position is of its employer's district: its key is scoped the way the employer's is.
        // Random rather than sequential: an id in a URL says nothing about how many others exist.
        for (var i = 0; i < 5; i++)
        {
            var id = Domain.DistrictKeys.Beside(employerId, "P-W" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)));
            if (!await db.Positions.AnyAsync(p => p.Id == id, ct))
            {
                return id;
            }
        }
        throw new InvalidOperationException("could not find a free position id");
    }

    private static List<string> Distinct(IEnumerable<string> codes) =>
        codes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Text(List<FieldError> errors, string field, string? value, int max, bool required, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new FieldError(field, ErrorCodes.Required));
            }
        }
        else if (InputRules.TextProblem(value.Trim(), max, multiline) is { } problem)
        {
            errors.Add(new FieldError(field, problem, max));
        }
    }

    private static void Range<T>(List<FieldError> errors, string field, T? value, T min, T max) where T : struct, IComparable<T>
    {
        if (value is { } v && (v.CompareTo(min) < 0 || v.CompareTo(max) > 0))
        {
            errors.Add(new FieldError(field, ErrorCodes.Range, min, max));
        }
    }

    private static void Codes(List<FieldError> errors, string field, IEnumerable<string> codes, Func<string, bool> known)
    {
        foreach (var code in codes.Where(c => !string.IsNullOrWhiteSpace(c) && !known(c.Trim())))
        {
            errors.Add(new FieldError(field, ErrorCodes.UnknownCode, code));
        }
    }
}
