using Employment.Core.Domain;
using Employment.Core.Taxonomy;

namespace Employment.Core.Interchange;

public static partial class DatasetReader
{
    // The region and the job bank: employers, positions and training courses.
    private sealed partial class ReadSession
    {
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

            (position.MinAge, position.MaxAge) = fields.AgeBounds();
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

            (course.MinAge, course.MaxAge) = fields.AgeBounds();
            return course;
        }
    }
}
