using Employment.Core.Interchange;

namespace Employment.Tests.Interchange;

/// <summary>Datasets for tests, built in the words of the domain rather than pages of initializers.</summary>
internal sealed class DatasetBuilder
{
    private readonly Dataset _dataset = new()
    {
        Region = new RegionRecord { Name = "成都市锦江区", DivisionCode = "510104", DibaoLine = 500, EdgeLine = 750 },
    };

    public static DatasetBuilder ADataset() => new();

    public DatasetBuilder WithEmployer(string id, string name, bool publicSector = false)
    {
        _dataset.Employers.Add(new EmployerRecord { Id = id, Name = name, PublicSector = publicSector });
        return this;
    }

    public DatasetBuilder With(PositionRecord position)
    {
        _dataset.Positions.Add(position);
        return this;
    }

    public DatasetBuilder With(HouseholdRecord household)
    {
        _dataset.Households.Add(household);
        return this;
    }

    public Dataset Build() => _dataset;
}

internal static class Records
{
    public static LocationRecord At(double lat, double lon, string? address = null, string? divisionCode = null) =>
        new() { Lat = lat, Lon = lon, Address = address, DivisionCode = divisionCode };

    public static PositionRecord APosition(string id, string employerId, string title = "社区保洁员") =>
        new() { Id = id, Title = title, EmployerId = employerId, MonthlyWage = 2100, Location = At(30.6431, 104.0905) };

    public static PositionRecord Requiring(this PositionRecord position, params string[] skills)
    {
        position.RequiredSkills.AddRange(skills);
        return position;
    }

    public static PositionRecord Preferring(this PositionRecord position, params string[] skills)
    {
        position.PreferredSkills.AddRange(skills);
        return position;
    }

    public static PositionRecord Offering(this PositionRecord position, params string[] accommodations)
    {
        position.Accommodations.AddRange(accommodations);
        return position;
    }

    public static PositionRecord Demanding(this PositionRecord position, params string[] demands)
    {
        position.Demands.AddRange(demands);
        return position;
    }

    public static PositionRecord FromHome(this PositionRecord position)
    {
        position.Remote = true;
        position.Location = null;
        return position;
    }

    public static HouseholdRecord AHousehold(string id, params PersonRecord[] members) => new()
    {
        Id = id,
        Category = "dibao",
        Size = members.Length + 1,
        MonthlyIncome = 1200,
        Location = At(30.6415, 104.0931),
        Members = [.. members],
    };

    public static PersonRecord APerson(string id, string name = "张某某") =>
        new() { Id = id, Name = name, Age = 45, LaborCapacity = "full" };

    public static PersonRecord WithSkill(this PersonRecord person, string code, int level)
    {
        person.Skills.Add(new SkillRecord { Code = code, Level = level });
        return person;
    }

    /// <summary>A wheelchair user: no long standing or walking, needs step-free access and an accessible toilet.</summary>
    public static PersonRecord InWheelchair(this PersonRecord person)
    {
        person.Disability = new DisabilityRecord { Type = "physical", Grade = 2 };
        person.Limits.AddRange(["standing_long", "walking_long"]);
        person.Needs.AddRange(["step_free_access", "accessible_toilet"]);
        return person;
    }
}
