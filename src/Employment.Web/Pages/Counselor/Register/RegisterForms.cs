using Employment.Core.Domain;
using Employment.Core.Employers;
using Employment.Core.Households;
using Employment.Core.Matching;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Counselor.Register;

/// <summary>The household part of the register's forms, bound as <c>Input.*</c>.</summary>
public sealed class HouseholdForm
{
    public HouseholdCategory? Category { get; set; }
    public string? CategoryReason { get; set; }
    public decimal? MonthlyIncome { get; set; }
    public int? Size { get; set; }
    public List<PovertyCause> Causes { get; set; } = [];
    public string? DivisionCode { get; set; }
    public string? Address { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }

    public HouseholdInput ToInput() => new()
    {
        Category = Category,
        CategoryReason = CategoryReason,
        MonthlyIncome = MonthlyIncome,
        Size = Size,
        Causes = Causes,
        DivisionCode = DivisionCode,
        Address = Address,
        Lat = Lat,
        Lon = Lon,
    };

    public static HouseholdForm From(Household h) => new()
    {
        // A category the lines give is left to them, so an income change re-assesses it; a stated one stays chosen.
        Category = h.CategoryReason is null ? null : h.Category,
        CategoryReason = h.CategoryReason,
        MonthlyIncome = h.MonthlyIncome,
        Size = h.Size,
        Causes = h.Causes.ToList(),
        DivisionCode = h.DivisionCode,
        Address = h.Address,
        Lat = h.Lat,
        Lon = h.Lon,
    };
}

/// <summary>One member on a register form, bound as <c>Members[i].*</c> or <c>Member.*</c>.</summary>
public sealed class MemberForm
{
    public string? Name { get; set; }
    public string? IdNumber { get; set; }
    public int? Age { get; set; }
    public LaborCapacity? LaborCapacity { get; set; }
    public bool Employed { get; set; }
    public Education? Education { get; set; }
    public string? Phone { get; set; }
    public DisabilityType? DisabilityType { get; set; }
    public int? DisabilityGrade { get; set; }
    /// <summary>Skill rows; a row with no skill chosen is none.</summary>
    public List<SkillRow> Skills { get; set; } = [];
    public List<string> Limits { get; set; } = [];
    public List<string> Needs { get; set; } = [];

    /// <summary>A row the counselor left blank: not a member.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(IdNumber) && Age is null;

    public MemberInput ToInput() => new()
    {
        Name = Name,
        IdNumber = IdNumber,
        Age = Age,
        LaborCapacity = LaborCapacity,
        Employed = Employed,
        Education = Education,
        Phone = Phone,
        DisabilityType = DisabilityType,
        DisabilityGrade = DisabilityGrade,
        Skills = Skills.Where(s => !string.IsNullOrWhiteSpace(s.Code)).Select(s => new SkillLevel(s.Code!.Trim(), s.Level ?? 0)).ToList(),
        Limits = Limits.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToList(),
        Needs = Needs.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToList(),
    };

    /// <summary>The form for an existing member: the ID number is not echoed (it is shown masked beside the field).</summary>
    public static MemberForm From(Person p) => new()
    {
        Name = p.Name,
        Age = p.Age,
        LaborCapacity = p.LaborCapacity,
        Employed = p.Employed,
        Education = p.Education,
        Phone = p.Phone,
        DisabilityType = p.DisabilityType,
        DisabilityGrade = p.DisabilityGrade,
        Skills = p.Skills.OrderBy(s => s.Code, StringComparer.Ordinal).Select(s => new SkillRow { Code = s.Code, Level = s.Level }).ToList(),
        Limits = p.Limits.ToList(),
        Needs = p.Needs.ToList(),
    };
}

/// <summary>One skill row of a member's form: a taxonomy skill and its level.</summary>
public sealed class SkillRow
{
    public string? Code { get; set; }
    public int? Level { get; set; }
}

public static class RegisterErrors
{
    /// <summary>
    /// Core's refusals as field errors in the reader's language: household fields under
    /// <c>Input.</c>, member fields as Core names them (<c>Members[0].Name</c>) or under <paramref name="memberPrefix"/>.
    /// </summary>
    public static void AddTo(this IEnumerable<FieldError> errors, ModelStateDictionary state, IStringLocalizer text,
        IStringLocalizer counselor, string? memberPrefix = null)
    {
        foreach (var e in errors)
        {
            var key = e.Field switch
            {
                "" => "",
                "Reason" => "Reason",
                "Members" => "Members",
                _ when e.Field.StartsWith("Members[", StringComparison.Ordinal) => e.Field,
                _ when memberPrefix is not null => memberPrefix + "." + e.Field,
                _ => "Input." + e.Field,
            };
            var args = e.Code == RegisterCodes.CategoryNeedsReason
                ? [e.Args is [string { Length: > 0 } c] && Enum.TryParse<HouseholdCategory>(c, out var category)
                    ? counselor["HouseholdCategory_" + category].Value : counselor["None"].Value]
                : e.Args;
            state.AddModelError(key, text["Error_" + e.Code, args]);
        }
    }
}
