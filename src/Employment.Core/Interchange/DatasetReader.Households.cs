using Employment.Core.Domain;
using Employment.Core.Taxonomy;

namespace Employment.Core.Interchange;

public static partial class DatasetReader
{
    // The households and their members: resident ids, skills, disabilities.
    private sealed partial class ReadSession
    {
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
    }
}
