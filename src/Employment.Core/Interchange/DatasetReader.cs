using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Employment.Core.Domain;
using Employment.Core.Taxonomy;

namespace Employment.Core.Interchange;

/// <summary>What reading a dataset gave: the dataset when it keeps the contract, and every fault found.</summary>
public sealed class DatasetReadResult
{
    internal DatasetReadResult(Dataset? dataset, IReadOnlyList<DatasetError> errors)
    {
        Dataset = errors.Count == 0 ? dataset : null;
        Errors = errors;
    }

    /// <summary>Null unless <see cref="IsValid"/>: a half-read dataset is never handed out.</summary>
    public Dataset? Dataset { get; }

    public IReadOnlyList<DatasetError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Dataset))]
    public bool IsValid => Dataset is not null;

    /// <summary>The dataset, or a <see cref="DatasetException"/> carrying every error.</summary>
    public Dataset EnsureValid() => IsValid ? Dataset : throw new DatasetException(Errors);
}

/// <summary>
/// Reads and validates an "employment-dataset/1" document (interchange.md). The JSON is walked by
/// hand rather than deserialised so that every wrong type, missing field and bad value becomes its
/// own <see cref="DatasetError"/> naming the record and field, and all of them are reported at once.
/// </summary>
public static class DatasetReader
{
    private const string DatasetRecord = "dataset";
    private const string RemoteWork = "remote_work";
    private static readonly IReadOnlyCollection<string> Statuses = ["open", "closed"];

    /// <param name="today">The day birth dates in resident IDs may not be after.</param>
    public static DatasetReadResult Read(Stream utf8Json, Taxonomy.Taxonomy taxonomy, DateOnly today)
    {
        var text = ReadAllBytes(utf8Json);
        if (LineOfFirstNonUtf8Byte(text.Span) is { } badLine)
        {
            return Refused($"not UTF-8 text at line {badLine}: save the file as UTF-8");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e) when (e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            return Refused($"nested too deep: more than {DefaultMaxDepth} levels of lists and objects{where}");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            return Refused($"not valid JSON{where}");
        }
        using (document)
        {
            var session = new ReadSession(taxonomy, today);
            try
            {
                var dataset = session.ReadDataset(document.RootElement);
                return new DatasetReadResult(dataset, session.Errors);
            }
            catch (InvalidOperationException)
            {
                // Text the JSON parser accepts but .NET cannot hold (an escaped lone surrogate where
                // no field check reached it, e.g. in a field's name): refused, never a crash.
                return new DatasetReadResult(null, [.. session.Errors, new DatasetError(DatasetRecord, "", "holds text that is not valid Unicode (a lone \\uD800–\\uDFFF escape)")]);
            }
        }
    }

    public static DatasetReadResult ReadFile(string path, Taxonomy.Taxonomy taxonomy, DateOnly today)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, taxonomy, today);
    }

    private static DatasetReadResult Refused(string message) =>
        new(null, [new DatasetError(DatasetRecord, "", message)]);

    private static ReadOnlyMemory<byte> ReadAllBytes(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        ReadOnlyMemory<byte> bytes = buffer.ToArray();
        return bytes.Span.StartsWith(Utf8ByteOrderMark) ? bytes[Utf8ByteOrderMark.Length..] : bytes;
    }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    // Spreadsheets in China often save GBK. The JSON parser would accept such bytes inside strings and
    // fail only when a string is read, so the encoding is checked first and the fault put plainly.
    private static int? LineOfFirstNonUtf8Byte(ReadOnlySpan<byte> text)
    {
        if (Utf8.IsValid(text))
        {
            return null;
        }
        var offset = 0;
        while (Rune.DecodeFromUtf8(text[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }
        return text[..offset].Count((byte)'\n') + 1;
    }

    // One reading of one document: the error list and the ids seen so far, for uniqueness and references.
    private sealed class ReadSession(Taxonomy.Taxonomy taxonomy, DateOnly today)
    {
        public List<DatasetError> Errors { get; } = [];

        private readonly Dictionary<string, string> _employerPlaces = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _positionPlaces = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _householdPlaces = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _personHouseholds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _residentIdHolders = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> _publicSector = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _coursePlaces = new(StringComparer.Ordinal);

        public Dataset ReadDataset(JsonElement root)
        {
            var dataset = new Dataset();
            if (root.ValueKind != JsonValueKind.Object)
            {
                Errors.Add(new DatasetError(DatasetRecord, "", $"must be a JSON object, not {KindOf(root)}"));
                return dataset;
            }
            var fields = new RecordFields(root, DatasetRecord, "", Errors);

            var format = fields.RequiredString("format", 64);
            if (format is not null && format != Dataset.FormatName)
            {
                fields.Error("format", $"must be '{Dataset.FormatName}', not '{Echo(format)}'");
            }
            if (fields.TryObject("region", required: true, out var region))
            {
                dataset.Region = ReadRegion(new RecordFields(region, "region", "", Errors));
            }
            // Employers first, whatever their place in the file, so positions can be checked against them.
            foreach (var (element, place) in fields.ObjectItems("employers"))
            {
                dataset.Employers.Add(ReadEmployer(new RecordFields(element, RecordName(element, "employer", place), "", Errors), place));
            }
            foreach (var (element, place) in fields.ObjectItems("positions"))
            {
                dataset.Positions.Add(ReadPosition(new RecordFields(element, RecordName(element, "position", place), "", Errors), place));
            }
            foreach (var (element, place) in fields.ObjectItems("households"))
            {
                dataset.Households.Add(ReadHousehold(new RecordFields(element, RecordName(element, "household", place), "", Errors), place));
            }
            // Optional: a dataset without courses keeps the contract.
            foreach (var (element, place) in fields.ObjectItems("courses"))
            {
                dataset.Courses.Add(ReadCourse(new RecordFields(element, RecordName(element, "course", place), "", Errors), place));
            }
            return dataset;
        }

        private static RegionRecord ReadRegion(RecordFields fields)
        {
            var region = new RegionRecord
            {
                Name = fields.RequiredString("name", InputRules.RegionNameMax) ?? "",
                DivisionCode = fields.OptionalString("divisionCode", DivisionCodeMax),
            };
            var dibaoLine = fields.RequiredNumber<decimal>("dibaoLine", NumberRange.Between(0, (double)InputRules.LineMax));
            var edgeLine = fields.RequiredNumber<decimal>("edgeLine", NumberRange.Between(0, (double)InputRules.LineMax));
            if (edgeLine < dibaoLine)
            {
                fields.Error("edgeLine", $"must not be below dibaoLine {dibaoLine}, not {edgeLine}");
            }
            region.DibaoLine = dibaoLine ?? 0;
            region.EdgeLine = edgeLine ?? 0;
            if (region.DivisionCode is { } code && code.Contains(Domain.DistrictKeys.Separator, StringComparison.Ordinal))
            {
                fields.Error("divisionCode", $"must not hold '{Domain.DistrictKeys.Separator}', not '{Echo(code)}'");
            }
            region.LinesFrom = fields.Date("linesFrom");
            var froms = new Dictionary<DateOnly, string>();
            foreach (var (element, place) in fields.ObjectItems("lineHistory"))
            {
                var entry = fields.Nested(element, place);
                var from = entry.Date("from");
                if (from is null && !entry.Has("from"))
                {
                    entry.Error("from", "required");
                }
                var dibao = entry.RequiredNumber<decimal>("dibaoLine", NumberRange.Between(0, (double)InputRules.LineMax));
                var edge = entry.RequiredNumber<decimal>("edgeLine", NumberRange.Between(0, (double)InputRules.LineMax));
                if (edge < dibao)
                {
                    entry.Error("edgeLine", $"must not be below dibaoLine {dibao}, not {edge}");
                }
                if (from is { } day)
                {
                    if (!froms.TryAdd(day, place))
                    {
                        entry.Error("from", $"{day:yyyy-MM-dd} is given twice: {froms[day]} has it too");
                    }
                    if (region.LinesFrom is { } current && day >= current)
                    {
                        entry.Error("from", $"{day:yyyy-MM-dd} is not before linesFrom {current:yyyy-MM-dd}, when the current lines came into force");
                    }
                    region.LineHistory.Add(new LineRecord { From = day, DibaoLine = dibao ?? 0, EdgeLine = edge ?? 0 });
                }
            }
            region.LineHistory.Sort((a, b) => a.From.CompareTo(b.From));
            return region;
        }

        private EmployerRecord ReadEmployer(RecordFields fields, string place)
        {
            var errorsBefore = Errors.Count;
            var employer = new EmployerRecord
            {
                Id = ReadUniqueId(fields, place, _employerPlaces),
                Name = fields.RequiredString("name", InputRules.EmployerNameMax) ?? "",
                PublicSector = fields.Bool("publicSector", fallback: false),
            };
            // A broken employer is reported as such, not again through each of its positions.
            if (Errors.Count == errorsBefore)
            {
                _publicSector.TryAdd(employer.Id, employer.PublicSector);
            }
            return employer;
        }

        private PositionRecord ReadPosition(RecordFields fields, string place)
        {
            var position = new PositionRecord
            {
                Id = ReadUniqueId(fields, place, _positionPlaces),
                Title = fields.RequiredString("title", InputRules.TitleMax) ?? "",
                EmployerId = fields.RequiredString("employerId", InputRules.IdMax) ?? "",
                Description = fields.OptionalString("description", InputRules.DescriptionMax, multiline: true),
                PublicWelfare = fields.Bool("publicWelfare", fallback: false),
                MonthlyWage = fields.RequiredNumber<decimal>("monthlyWage", NumberRange.Positive(max: (double)InputRules.MonthlyWageMax)) ?? 0,
                HoursPerWeek = fields.Number<double>("hoursPerWeek", NumberRange.Positive(max: InputRules.HoursPerWeekMax), fallback: 40) ?? 40,
                RequiredSkills = fields.Codes("requiredSkills", TaxonomyKind.Skill, taxonomy),
                PreferredSkills = fields.Codes("preferredSkills", TaxonomyKind.Skill, taxonomy),
                Accommodations = fields.Codes("accommodations", TaxonomyKind.Accommodation, taxonomy),
                Demands = fields.Codes("demands", TaxonomyKind.Demand, taxonomy),
                MinEducation = fields.Word("minEducation", "education", WireNames.AllEducations, fallback: null),
                ValidUntil = fields.Date("validUntil"),
                Status = fields.Word("status", "status", Statuses, fallback: "open") ?? "open",
                MonthlySubsidy = fields.Number<decimal>("monthlySubsidy", NumberRange.Between(0, (double)InputRules.MonthlyWageMax)),
                FundingBody = fields.OptionalString("fundingBody", InputRules.EmployerNameMax),
                FundedUntil = fields.Date("fundedUntil"),
            };
            if (!position.PublicWelfare && (position.MonthlySubsidy is not null || position.FundingBody is not null || position.FundedUntil is not null))
            {
                fields.Error("monthlySubsidy", "funding belongs to public-welfare positions only");
            }
            if (position.EmployerId.Length > 0 && !_employerPlaces.ContainsKey(position.EmployerId))
            {
                fields.Error("employerId", $"no employer has the id '{Echo(position.EmployerId)}'");
            }
            else if (position.PublicWelfare && _publicSector.TryGetValue(position.EmployerId, out var publicSector) && !publicSector)
            {
                // As on the employer's form: public-welfare posts are the public sector's.
                fields.Error("publicWelfare", $"only a public-sector employer offers public-welfare posts; employer {Echo(position.EmployerId)} is not one");
            }

            var headcount = fields.Number<int>("headcount", NumberRange.Between(1, InputRules.HeadcountMax), fallback: 1);
            var filled = fields.Number<int>("filled", NumberRange.AtLeast(0), fallback: 0);
            if (filled > headcount)
            {
                fields.Error("filled", $"must not exceed headcount {headcount}, not {filled}");
            }
            position.Headcount = headcount ?? 1;
            position.Filled = filled ?? 0;

            // The contract makes remote_work in accommodations mean the same as remote: either one
            // frees the position from needing a location, and the record says so in one place.
            position.Remote = fields.Bool("remote", fallback: false) || position.Accommodations.Contains(RemoteWork);
            if (!position.Remote && !fields.Has("location"))
            {
                fields.Error("location", "required unless the position is remote");
            }
            position.Location = fields.Location("location", required: false);

            var minAge = fields.Number<int>("minAge", NumberRange.Age);
            var maxAge = fields.Number<int>("maxAge", NumberRange.Age);
            if (minAge > maxAge)
            {
                fields.Error("minAge", $"must not be above maxAge {maxAge}, not {minAge}");
            }
            position.MinAge = minAge;
            position.MaxAge = maxAge;
            return position;
        }

        private CourseRecord ReadCourse(RecordFields fields, string place)
        {
            var course = new CourseRecord
            {
                Id = ReadUniqueId(fields, place, _coursePlaces),
                Title = fields.RequiredString("title", InputRules.TitleMax) ?? "",
                Provider = fields.RequiredString("provider", InputRules.EmployerNameMax) ?? "",
                Skills = ReadSkills(fields),
                HoursPerWeek = fields.Number<double>("hoursPerWeek", NumberRange.Positive(max: InputRules.HoursPerWeekMax)),
                Remote = fields.Bool("remote", fallback: false),
                Accommodations = fields.Codes("accommodations", TaxonomyKind.Accommodation, taxonomy),
                MinEducation = fields.Word("minEducation", "education", WireNames.AllEducations, fallback: null),
                Subsidized = fields.Bool("subsidized", fallback: false),
                ForPositions = fields.References("forPositions", "position", _positionPlaces),
            };
            if (!fields.Has("skills") || fields.IsEmptyList("skills"))
            {
                fields.Error("skills", "required: at least one skill the course teaches");
            }

            var start = fields.Has("startDate") ? fields.Date("startDate") : RequiredMissing(fields, "startDate");
            var end = fields.Has("endDate") ? fields.Date("endDate") : RequiredMissing(fields, "endDate");
            if (start > end)
            {
                fields.Error("endDate", $"must not be before startDate {start:yyyy-MM-dd}, not {end:yyyy-MM-dd}");
            }
            course.StartDate = start ?? default;
            course.EndDate = end ?? default;

            var seats = fields.RequiredNumber<int>("seats", NumberRange.Between(1, InputRules.SeatsMax));
            var enrolled = fields.Number<int>("enrolled", NumberRange.AtLeast(0), fallback: 0);
            if (enrolled > seats)
            {
                fields.Error("enrolled", $"must not exceed seats {seats}, not {enrolled}");
            }
            course.Seats = seats ?? 1;
            course.Enrolled = enrolled ?? 0;

            if (!course.Remote && !fields.Has("location"))
            {
                fields.Error("location", "required unless the course is remote");
            }
            course.Location = fields.Location("location", required: false);

            var minAge = fields.Number<int>("minAge", NumberRange.Age);
            var maxAge = fields.Number<int>("maxAge", NumberRange.Age);
            if (minAge > maxAge)
            {
                fields.Error("minAge", $"must not be above maxAge {maxAge}, not {minAge}");
            }
            course.MinAge = minAge;
            course.MaxAge = maxAge;
            return course;
        }

        private static DateOnly? RequiredMissing(RecordFields fields, string field)
        {
            fields.Error(field, "required");
            return null;
        }

        private HouseholdRecord ReadHousehold(RecordFields fields, string place)
        {
            var household = new HouseholdRecord
            {
                Id = ReadUniqueId(fields, place, _householdPlaces),
                Category = fields.Word("category", "household category", WireNames.AllCategories, fallback: null),
                MonthlyIncome = fields.RequiredNumber<decimal>("monthlyIncome", NumberRange.Between(0, (double)InputRules.MonthlyIncomeMax)) ?? 0,
                Causes = fields.Words("causes", "cause", WireNames.AllCauses),
                Location = fields.Location("location", required: true),
            };
            var size = fields.RequiredNumber<int>("size", NumberRange.Between(1, InputRules.HouseholdSizeMax));
            household.Size = size ?? 0;

            if (!fields.Has("members"))
            {
                fields.Error("members", "required: at least one person");
                return household;
            }
            var members = fields.ObjectItems("members");
            if (members.Count == 0 && fields.IsEmptyList("members"))
            {
                fields.Error("members", "must list at least one person");
            }
            if (size < members.Count)
            {
                fields.Error("size", $"must count every member: is {size} but {members.Count} members are listed");
            }
            foreach (var (element, memberPlace) in members)
            {
                var recordName = $"person {UsableId(element) ?? memberPlace} ({fields.Record})";
                household.Members.Add(ReadPerson(new RecordFields(element, recordName, "", Errors), fields.Record));
            }
            return household;
        }

        private PersonRecord ReadPerson(RecordFields fields, string householdRecord)
        {
            var person = new PersonRecord
            {
                Id = fields.RequiredString("id", InputRules.IdMax) ?? "",
                Name = fields.RequiredString("name", InputRules.PersonNameMax) ?? "",
                IdNumber = ReadResidentId(fields),
                Age = fields.RequiredNumber<int>("age", NumberRange.Age) ?? 0,
                LaborCapacity = fields.RequiredWord("laborCapacity", "labor capacity", WireNames.AllLaborCapacities) ?? "",
                Employed = fields.Bool("employed", fallback: false),
                Education = fields.Word("education", "education", WireNames.AllEducations, fallback: "none") ?? "none",
                Skills = ReadSkills(fields),
                Disability = ReadDisability(fields),
                Limits = fields.Codes("limits", TaxonomyKind.Demand, taxonomy),
                Needs = fields.Codes("needs", TaxonomyKind.Accommodation, taxonomy),
                PrefersRemote = fields.Bool("prefersRemote", fallback: false),
                MaxCommuteKm = fields.Number<double>("maxCommuteKm", NumberRange.Positive(max: InputRules.CommuteKmMax), fallback: 10) ?? 10,
                MaxHoursPerWeek = fields.Number<double>("maxHoursPerWeek", NumberRange.Positive(max: InputRules.HoursPerWeekMax)),
                DesiredWage = fields.Number<decimal>("desiredWage", NumberRange.Between(0, (double)InputRules.MonthlyWageMax)),
                Location = fields.Location("location", required: false),
            };
            if (person.Id.Length > 0)
            {
                if (_personHouseholds.TryGetValue(person.Id, out var firstHousehold))
                {
                    fields.Error("id", firstHousehold == householdRecord
                        ? $"is listed twice in {householdRecord}"
                        : $"is also a member of {firstHousehold}");
                }
                else
                {
                    _personHouseholds.Add(person.Id, householdRecord);
                }
            }
            if (person.IdNumber is not null && !_residentIdHolders.TryAdd(person.IdNumber, fields.Record))
            {
                fields.Error("idNumber", $"is the same resident ID as that of {_residentIdHolders[person.IdNumber]}");
            }
            return person;
        }

        private string? ReadResidentId(RecordFields fields)
        {
            var given = fields.OptionalString("idNumber", 32);
            if (given is null)
            {
                return null;
            }
            if (ResidentId.TryValidate(given, today, out var normalised, out var problem))
            {
                return normalised;
            }
            fields.Error("idNumber", problem);
            return null;
        }

        private List<SkillRecord> ReadSkills(RecordFields fields)
        {
            var skills = new List<SkillRecord>();
            foreach (var (element, place) in fields.ObjectItems("skills"))
            {
                var skill = fields.Nested(element, place);
                var code = skill.RequiredString("code", InputRules.IdMax);
                var level = skill.RequiredNumber<int>("level", NumberRange.Between(1, 3));
                if (code is null)
                {
                    continue;
                }
                if (!taxonomy.IsKnown(code, TaxonomyKind.Skill))
                {
                    skill.Error("code", $"unknown skill code '{Echo(code)}'");
                }
                else if (skills.Exists(s => s.Code == code))
                {
                    skill.Error("code", $"'{code}' is listed twice");
                }
                else
                {
                    skills.Add(new SkillRecord { Code = code, Level = level ?? 0 });
                }
            }
            return skills;
        }

        private static DisabilityRecord? ReadDisability(RecordFields fields)
        {
            if (!fields.TryObject("disability", required: false, out var element))
            {
                return null;
            }
            var disability = fields.Nested(element, "disability");
            return new DisabilityRecord
            {
                Type = disability.RequiredWord("type", "disability type", WireNames.AllDisabilityTypes) ?? "",
                Grade = disability.RequiredNumber<int>("grade", NumberRange.Between(1, 4)) ?? 0,
            };
        }

        private static string ReadUniqueId(RecordFields fields, string place, Dictionary<string, string> seen)
        {
            var id = fields.RequiredString("id", InputRules.IdMax);
            if (id is null)
            {
                return "";
            }
            if (!seen.TryAdd(id, place))
            {
                fields.Error("id", $"is not unique: {seen[id]} has it too");
            }
            return id;
        }

        // A person looks for "position P-3", not for "positions[2]"; the place serves only when the id is unusable.
        private static string RecordName(JsonElement element, string kind, string place) =>
            UsableId(element) is { } id ? $"{kind} {id}" : place;

        private static string? UsableId(JsonElement element) =>
            element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(id.GetString())
                ? id.GetString()
                : null;
    }

    // The fields of one JSON object, each fault reported against the record and the field's path.
    // Absent and JSON null mean the same: exporters differ in which one they write for "no value".
    private sealed class RecordFields
    {
        private readonly JsonElement _json;
        private readonly string _record;
        private readonly string _path;
        private readonly List<DatasetError> _errors;

        public RecordFields(JsonElement json, string record, string path, List<DatasetError> errors)
        {
            (_json, _record, _path, _errors) = (json, record, path, errors);
            // JSON lets a field appear twice and the reader would quietly take one; in a dataset that
            // is a mistake worth naming, and here it can be named by record and field.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in json.EnumerateObject())
            {
                string name;
                try
                {
                    name = property.Name;
                }
                catch (InvalidOperationException)
                {
                    Error("", "a field's name " + InputRules.Describe(TextProblems.LoneSurrogate, 0));
                    continue;
                }
                if (!seen.Add(name))
                {
                    Error(Echo(name), "is given more than once");
                }
            }
        }

        public string Record => _record;

        public void Error(string field, string message) => _errors.Add(new DatasetError(_record, _path + field, message));

        public RecordFields Nested(JsonElement element, string field) => new(element, _record, _path + field + ".", _errors);

        public bool Has(string field) => TryGet(field, out _);

        public bool IsEmptyList(string field) =>
            TryGet(field, out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0;

        public string? RequiredString(string field, int max, bool multiline = false)
        {
            if (!TryGet(field, out var value))
            {
                Error(field, "required");
                return null;
            }
            var text = AsString(field, value, multiline);
            if (text is not null && string.IsNullOrWhiteSpace(text))
            {
                Error(field, "must not be empty");
                return null;
            }
            return Bounded(field, text, max);
        }

        /// <summary>Blank counts as absent, so a record reads back the same after writing.</summary>
        public string? OptionalString(string field, int max, bool multiline = false)
        {
            var text = TryGet(field, out var value) ? AsString(field, value, multiline) : null;
            return string.IsNullOrWhiteSpace(text) ? null : Bounded(field, text, max);
        }

        private string? Bounded(string field, string? text, int max)
        {
            if (text is not null && text.Length > max)
            {
                Error(field, $"{InputRules.Describe(TextProblems.TooLong, max)}: it has {text.Length}");
                return null;
            }
            return text;
        }

        public bool Bool(string field, bool fallback)
        {
            if (!TryGet(field, out var value))
            {
                return fallback;
            }
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }
            Error(field, $"must be true or false, not {KindOf(value)}");
            return fallback;
        }

        public T? RequiredNumber<T>(string field, NumberRange range) where T : struct, INumber<T>
        {
            if (!Has(field))
            {
                Error(field, "required");
                return null;
            }
            return Number<T>(field, range);
        }

        /// <summary>The fallback when absent; null when absent without fallback, or when the value is bad.</summary>
        public T? Number<T>(string field, NumberRange range, T? fallback = null) where T : struct, INumber<T>
        {
            if (!TryGet(field, out var value))
            {
                return fallback;
            }
            var wholeNumber = typeof(T) == typeof(int);
            if (value.ValueKind != JsonValueKind.Number)
            {
                Error(field, $"must be {(wholeNumber ? "a whole number" : "a number")}, not {KindOf(value)}");
                return null;
            }
            if (!TryGetNumber(value, out T number))
            {
                Error(field, wholeNumber && !IsWhole(value)
                    ? $"must be a whole number, not {value.GetRawText()}"
                    : $"is out of range: {value.GetRawText()}");
                return null;
            }
            if (!range.Contains(double.CreateChecked(number)))
            {
                Error(field, $"{range.Describe()}, not {value.GetRawText()}");
                return null;
            }
            return number;
        }

        public string? RequiredWord(string field, string what, IReadOnlyCollection<string> allowed)
        {
            if (!Has(field))
            {
                Error(field, "required");
                return null;
            }
            return Word(field, what, allowed, fallback: null);
        }

        /// <summary>One of the contract's lower-case names for an enum; the fallback when absent.</summary>
        public string? Word(string field, string what, IReadOnlyCollection<string> allowed, string? fallback)
        {
            if (!TryGet(field, out var value))
            {
                return fallback;
            }
            var word = AsString(field, value);
            if (word is null || allowed.Contains(word))
            {
                return word;
            }
            Error(field, UnknownWord(what, word, allowed));
            return null;
        }

        public List<string> Words(string field, string what, IReadOnlyCollection<string> allowed) =>
            StringList(field, word => allowed.Contains(word) ? null : UnknownWord(what, word, allowed));

        /// <summary>Ids that must name records of <paramref name="kind"/> read earlier in the file.</summary>
        public List<string> References(string field, string kind, IReadOnlyDictionary<string, string> known) =>
            StringList(field, id => known.ContainsKey(id) ? null : $"no {kind} has the id '{Echo(id)}'");

        public List<string> Codes(string field, TaxonomyKind kind, Taxonomy.Taxonomy taxonomy) =>
            StringList(field, code => taxonomy.IsKnown(code, kind) ? null : $"unknown {kind.ToString().ToLowerInvariant()} code '{Echo(code)}'");

        public DateOnly? Date(string field)
        {
            if (!TryGet(field, out var value) || AsString(field, value) is not { } text)
            {
                return null;
            }
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            Error(field, $"must be a date YYYY-MM-DD, not '{Echo(text)}'");
            return null;
        }

        public LocationRecord? Location(string field, bool required)
        {
            if (!TryObject(field, required, out var element))
            {
                return null;
            }
            var location = Nested(element, field);
            var lat = location.RequiredNumber<double>("lat", NumberRange.Between(-90, 90));
            var lon = location.RequiredNumber<double>("lon", NumberRange.Between(-180, 180));
            return new LocationRecord
            {
                Lat = lat ?? 0,
                Lon = lon ?? 0,
                Address = location.OptionalString("address", InputRules.AddressMax),
                DivisionCode = location.OptionalString("divisionCode", DivisionCodeMax),
            };
        }

        public bool TryObject(string field, bool required, out JsonElement element)
        {
            if (!TryGet(field, out element))
            {
                if (required)
                {
                    Error(field, "required");
                }
                return false;
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                Error(field, $"must be an object, not {KindOf(element)}");
                return false;
            }
            return true;
        }

        /// <summary>The objects of a list with their places (<c>members[0]</c>); an absent list is empty.</summary>
        public List<(JsonElement Element, string Place)> ObjectItems(string field)
        {
            var items = new List<(JsonElement, string)>();
            foreach (var (element, place) in Items(field))
            {
                if (element.ValueKind == JsonValueKind.Object)
                {
                    items.Add((element, place));
                }
                else
                {
                    Error(place, $"must be an object, not {KindOf(element)}");
                }
            }
            return items;
        }

        private List<string> StringList(string field, Func<string, string?> problemOf)
        {
            var list = new List<string>();
            foreach (var (element, place) in Items(field))
            {
                var text = AsString(place, element);
                if (text is null)
                {
                    continue;
                }
                var problem = problemOf(text) ?? (list.Contains(text) ? $"'{Echo(text)}' is listed twice" : null);
                if (problem is null)
                {
                    list.Add(text);
                }
                else
                {
                    Error(place, problem);
                }
            }
            return list;
        }

        private IEnumerable<(JsonElement Element, string Place)> Items(string field)
        {
            if (!TryGet(field, out var value))
            {
                return [];
            }
            if (value.ValueKind != JsonValueKind.Array)
            {
                Error(field, $"must be a list, not {KindOf(value)}");
                return [];
            }
            return value.EnumerateArray().Select((element, i) => (element, $"{field}[{i}]")).ToList();
        }

        private string? AsString(string field, JsonElement value, bool multiline = false)
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                string text;
                try
                {
                    text = value.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    // An escaped lone surrogate ("\ud800") is valid JSON but no text .NET can hold.
                    Error(field, InputRules.Describe(TextProblems.LoneSurrogate, 0));
                    return null;
                }
                // Length is the caller's (it knows the field); what no field may hold is checked here.
                if (InputRules.TextProblem(text, int.MaxValue, multiline) is { } problem)
                {
                    Error(field, InputRules.Describe(problem, 0));
                    return null;
                }
                return text;
            }
            Error(field, $"must be a string, not {KindOf(value)}");
            return null;
        }

        private bool TryGet(string field, out JsonElement value) =>
            _json.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

        // The record types decide: int for counts, decimal keeps money exact, double for measures.
        private static bool TryGetNumber<T>(JsonElement value, out T number) where T : struct, INumber<T>
        {
            bool parsed;
            if (typeof(T) == typeof(int))
            {
                // 3.0 is the same JSON number as 3, and some exporters write whole numbers that way.
                parsed = IsWhole(value) && value.GetDouble() is >= int.MinValue and <= int.MaxValue;
                number = parsed ? T.CreateChecked((int)value.GetDouble()) : T.Zero;
            }
            else if (typeof(T) == typeof(decimal))
            {
                parsed = value.TryGetDecimal(out var money);
                number = T.CreateChecked(money);
            }
            else
            {
                // An overlong exponent reads as infinity rather than failing.
                parsed = value.TryGetDouble(out var measure) && double.IsFinite(measure);
                number = parsed ? T.CreateChecked(measure) : T.Zero;
            }
            return parsed;
        }

        private static bool IsWhole(JsonElement value) =>
            value.TryGetDouble(out var real) && double.IsFinite(real) && real == Math.Truncate(real);

        private static string UnknownWord(string what, string word, IReadOnlyCollection<string> allowed) =>
            $"unknown {what} '{Echo(word)}'; the contract's are {string.Join(", ", allowed)}";
    }

    private const int DivisionCodeMax = 12;

    /// <summary>System.Text.Json's own limit (JsonDocumentOptions.MaxDepth 0 means 64).</summary>
    private const int DefaultMaxDepth = 64;

    /// <summary>A value as an error message repeats it: a 5-million-character name is not printed back whole.</summary>
    private static string Echo(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>An allowed span of numbers, with the words that tell a person what is allowed.</summary>
    private readonly record struct NumberRange(double Min, double? Max, bool MinExcluded)
    {
        public static NumberRange Age => Between(InputRules.AgeMin, InputRules.AgeMax);
        public static NumberRange AtLeast(double min) => new(min, null, false);
        public static NumberRange Between(double min, double max) => new(min, max, false);
        public static NumberRange Positive(double? max = null) => new(0, max, true);

        public bool Contains(double value) =>
            (MinExcluded ? value > Min : value >= Min) && (Max is not { } max || value <= max);

        public string Describe()
        {
            var low = MinExcluded ? $"more than {Format(Min)}" : $"at least {Format(Min)}";
            return Max switch
            {
                null => $"must be {low}",
                { } max when MinExcluded => $"must be {low} and at most {Format(max)}",
                { } max => $"must be between {Format(Min)} and {Format(max)}",
            };
        }

        private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
