namespace Employment.Core.Interchange;

// The dataset of ../shared/contracts/interchange.md ("employment-dataset/1"), as read and written.
// Field names are the contract's; enums stay as their wire strings here and are parsed by the
// validator, which reports each bad value with its record and field.

public sealed class Dataset
{
    public const string FormatName = "employment-dataset/1";

    public string Format { get; set; } = FormatName;
    public RegionRecord Region { get; set; } = new();
    public List<EmployerRecord> Employers { get; set; } = [];
    public List<PositionRecord> Positions { get; set; } = [];
    public List<HouseholdRecord> Households { get; set; } = [];
    /// <summary>Optional in the contract: absent and empty mean the same.</summary>
    public List<CourseRecord> Courses { get; set; } = [];
}

public sealed class RegionRecord
{
    public string Name { get; set; } = "";
    public string? DivisionCode { get; set; }
    public decimal DibaoLine { get; set; }
    public decimal EdgeLine { get; set; }
    /// <summary>Beyond the contract (it allows added fields): the first day the current lines are in force.</summary>
    public DateOnly? LinesFrom { get; set; }
    /// <summary>The lines in force before the current ones (the contract's <c>lineHistory</c>), oldest first.</summary>
    public List<LineRecord> LineHistory { get; set; } = [];
}

public sealed class LineRecord
{
    public DateOnly From { get; set; }
    public decimal DibaoLine { get; set; }
    public decimal EdgeLine { get; set; }
}

public sealed class EmployerRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public bool PublicSector { get; set; }
}

public sealed class LocationRecord
{
    public double Lat { get; set; }
    public double Lon { get; set; }
    public string? Address { get; set; }
    public string? DivisionCode { get; set; }
}

public sealed class PositionRecord
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string EmployerId { get; set; } = "";
    public string? Description { get; set; }
    public bool PublicWelfare { get; set; }
    public int Headcount { get; set; } = 1;
    public int Filled { get; set; }
    public decimal MonthlyWage { get; set; }
    public double HoursPerWeek { get; set; } = 40;
    public bool Remote { get; set; }
    public LocationRecord? Location { get; set; }
    public List<string> RequiredSkills { get; set; } = [];
    public List<string> PreferredSkills { get; set; } = [];
    public List<string> Accommodations { get; set; } = [];
    public List<string> Demands { get; set; } = [];
    public int? MinAge { get; set; }
    public int? MaxAge { get; set; }
    public string? MinEducation { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string Status { get; set; } = "open";
    /// <summary>Beyond the contract (it allows added fields): a public-welfare post's funding.</summary>
    public decimal? MonthlySubsidy { get; set; }
    public string? FundingBody { get; set; }
    public DateOnly? FundedUntil { get; set; }
}

public sealed class HouseholdRecord
{
    public string Id { get; set; } = "";
    public string? Category { get; set; }
    public int Size { get; set; }
    public decimal MonthlyIncome { get; set; }
    public List<string> Causes { get; set; } = [];
    public LocationRecord? Location { get; set; }
    public List<PersonRecord> Members { get; set; } = [];
}

public sealed class PersonRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? IdNumber { get; set; }
    public int Age { get; set; }
    public string LaborCapacity { get; set; } = "full";
    public bool Employed { get; set; }
    public string Education { get; set; } = "none";
    public List<SkillRecord> Skills { get; set; } = [];
    public DisabilityRecord? Disability { get; set; }
    public List<string> Limits { get; set; } = [];
    public List<string> Needs { get; set; } = [];
    public bool PrefersRemote { get; set; }
    public double MaxCommuteKm { get; set; } = 10;
    public double? MaxHoursPerWeek { get; set; }
    public decimal? DesiredWage { get; set; }
    /// <summary>Null means the household's location, the contract's default; it is not copied in on reading.</summary>
    public LocationRecord? Location { get; set; }
}

public sealed class SkillRecord
{
    public string Code { get; set; } = "";
    public int Level { get; set; } = 1;
}

public sealed class DisabilityRecord
{
    public string Type { get; set; } = "";
    public int Grade { get; set; }
}

public sealed class CourseRecord
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Provider { get; set; } = "";
    public List<SkillRecord> Skills { get; set; } = [];
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public double? HoursPerWeek { get; set; }
    public int Seats { get; set; } = 1;
    public int Enrolled { get; set; }
    public bool Remote { get; set; }
    public LocationRecord? Location { get; set; }
    public List<string> Accommodations { get; set; } = [];
    public int? MinAge { get; set; }
    public int? MaxAge { get; set; }
    public string? MinEducation { get; set; }
    public bool Subsidized { get; set; }
    public List<string> ForPositions { get; set; } = [];
}
