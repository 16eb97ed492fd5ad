using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Employment.Core.Interchange;

/// <summary>
/// Writes a dataset as an "employment-dataset/1" document (interchange.md): indented UTF-8 JSON with
/// the contract's field names and Chinese left readable. Absent optional values and empty lists are
/// left out; fields with a contract default are always written, so a reader need not know the defaults.
/// </summary>
public static class DatasetWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        // The file is data, never embedded in HTML, so only what JSON itself requires is escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes to <paramref name="output"/> and leaves it open.</summary>
    public static void Write(Dataset dataset, Stream output)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("format", Dataset.FormatName);
        WriteRegion(json, dataset.Region);
        WriteObjects(json, "employers", dataset.Employers, WriteEmployer);
        WriteObjects(json, "positions", dataset.Positions, WritePosition);
        WriteObjects(json, "households", dataset.Households, WriteHousehold);
        // Optional in the contract: a district without courses writes the file it always wrote.
        if (dataset.Courses.Count > 0)
        {
            WriteObjects(json, "courses", dataset.Courses, WriteCourse);
        }
        json.WriteEndObject();
    }

    public static string ToJson(Dataset dataset)
    {
        using var buffer = new MemoryStream();
        Write(dataset, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteRegion(Utf8JsonWriter json, RegionRecord region)
    {
        json.WriteStartObject("region");
        json.WriteString("name", region.Name);
        WriteIfPresent(json, "divisionCode", region.DivisionCode);
        json.WriteNumber("dibaoLine", region.DibaoLine);
        json.WriteNumber("edgeLine", region.EdgeLine);
        if (region.LinesFrom is { } linesFrom)
        {
            json.WriteString("linesFrom", linesFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (region.LineHistory.Count > 0)
        {
            json.WriteStartArray("lineHistory");
            foreach (var entry in region.LineHistory)
            {
                json.WriteStartObject();
                json.WriteString("from", entry.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteNumber("dibaoLine", entry.DibaoLine);
                json.WriteNumber("edgeLine", entry.EdgeLine);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteEmployer(Utf8JsonWriter json, EmployerRecord employer)
    {
        json.WriteString("id", employer.Id);
        WriteIfPresent(json, "name", employer.Name);
        json.WriteBoolean("publicSector", employer.PublicSector);
    }

    private static void WritePosition(Utf8JsonWriter json, PositionRecord position)
    {
        json.WriteString("id", position.Id);
        json.WriteString("title", position.Title);
        json.WriteString("employerId", position.EmployerId);
        WriteIfPresent(json, "description", position.Description);
        json.WriteBoolean("publicWelfare", position.PublicWelfare);
        json.WriteNumber("headcount", position.Headcount);
        json.WriteNumber("filled", position.Filled);
        json.WriteNumber("monthlyWage", position.MonthlyWage);
        json.WriteNumber("hoursPerWeek", position.HoursPerWeek);
        json.WriteBoolean("remote", position.Remote);
        WriteLocation(json, position.Location);
        WriteList(json, "requiredSkills", position.RequiredSkills);
        WriteList(json, "preferredSkills", position.PreferredSkills);
        WriteList(json, "accommodations", position.Accommodations);
        WriteList(json, "demands", position.Demands);
        WriteIfPresent(json, "minAge", position.MinAge);
        WriteIfPresent(json, "maxAge", position.MaxAge);
        WriteIfPresent(json, "minEducation", position.MinEducation);
        if (position.ValidUntil is { } validUntil)
        {
            json.WriteString("validUntil", validUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        json.WriteString("status", position.Status);
        WriteIfPresent(json, "monthlySubsidy", position.MonthlySubsidy);
        WriteIfPresent(json, "fundingBody", position.FundingBody);
        if (position.FundedUntil is { } fundedUntil)
        {
            json.WriteString("fundedUntil", fundedUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    private static void WriteHousehold(Utf8JsonWriter json, HouseholdRecord household)
    {
        json.WriteString("id", household.Id);
        WriteIfPresent(json, "category", household.Category);
        json.WriteNumber("size", household.Size);
        json.WriteNumber("monthlyIncome", household.MonthlyIncome);
        WriteList(json, "causes", household.Causes);
        WriteLocation(json, household.Location);
        WriteObjects(json, "members", household.Members, WritePerson);
    }

    private static void WritePerson(Utf8JsonWriter json, PersonRecord person)
    {
        json.WriteString("id", person.Id);
        json.WriteString("name", person.Name);
        WriteIfPresent(json, "idNumber", person.IdNumber);
        json.WriteNumber("age", person.Age);
        json.WriteString("laborCapacity", person.LaborCapacity);
        json.WriteBoolean("employed", person.Employed);
        json.WriteString("education", person.Education);
        if (person.Skills.Count > 0)
        {
            WriteObjects(json, "skills", person.Skills, (j, skill) =>
            {
                j.WriteString("code", skill.Code);
                j.WriteNumber("level", skill.Level);
            });
        }
        if (person.Disability is { } disability)
        {
            json.WriteStartObject("disability");
            json.WriteString("type", disability.Type);
            json.WriteNumber("grade", disability.Grade);
            json.WriteEndObject();
        }
        WriteList(json, "limits", person.Limits);
        WriteList(json, "needs", person.Needs);
        json.WriteBoolean("prefersRemote", person.PrefersRemote);
        json.WriteNumber("maxCommuteKm", person.MaxCommuteKm);
        WriteIfPresent(json, "maxHoursPerWeek", person.MaxHoursPerWeek);
        WriteIfPresent(json, "desiredWage", person.DesiredWage);
        WriteLocation(json, person.Location);
    }

    private static void WriteCourse(Utf8JsonWriter json, CourseRecord course)
    {
        json.WriteString("id", course.Id);
        json.WriteString("title", course.Title);
        json.WriteString("provider", course.Provider);
        WriteSkills(json, course.Skills);
        json.WriteString("startDate", course.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("endDate", course.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteIfPresent(json, "hoursPerWeek", course.HoursPerWeek);
        json.WriteNumber("seats", course.Seats);
        json.WriteNumber("enrolled", course.Enrolled);
        json.WriteBoolean("remote", course.Remote);
        WriteLocation(json, course.Location);
        WriteList(json, "accommodations", course.Accommodations);
        WriteIfPresent(json, "minAge", course.MinAge);
        WriteIfPresent(json, "maxAge", course.MaxAge);
        WriteIfPresent(json, "minEducation", course.MinEducation);
        json.WriteBoolean("subsidized", course.Subsidized);
        WriteList(json, "forPositions", course.ForPositions);
    }

    private static void WriteSkills(Utf8JsonWriter json, IEnumerable<SkillRecord> skills) =>
        WriteObjects(json, "skills", skills, (j, skill) =>
        {
            j.WriteString("code", skill.Code);
            j.WriteNumber("level", skill.Level);
        });

    private static void WriteLocation(Utf8JsonWriter json, LocationRecord? location)
    {
        if (location is null)
        {
            return;
        }
        json.WriteStartObject("location");
        json.WriteNumber("lat", location.Lat);
        json.WriteNumber("lon", location.Lon);
        WriteIfPresent(json, "address", location.Address);
        WriteIfPresent(json, "divisionCode", location.DivisionCode);
        json.WriteEndObject();
    }

    private static void WriteObjects<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            writeFields(json, item);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }
}
