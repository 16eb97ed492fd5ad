using System.Globalization;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Employers;
using Employment.Core.Interchange;
using Employment.Core.Matching;
using Employment.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Households;

/// <summary>A household as the counselor's form gives it (registration and edits alike).</summary>
public sealed record HouseholdInput
{
    /// <summary>Null: the category the lines give the household's income per head.</summary>
    public HouseholdCategory? Category { get; init; }
    public string? CategoryReason { get; init; }
    public decimal? MonthlyIncome { get; init; }
    /// <summary>Null at registration: the number of members.</summary>
    public int? Size { get; init; }
    public IReadOnlyList<PovertyCause> Causes { get; init; } = [];
    public string? DivisionCode { get; init; }
    public string? Address { get; init; }
    /// <summary>The map point; null for the street's centre.</summary>
    public double? Lat { get; init; }
    public double? Lon { get; init; }
}

/// <summary>A member as the counselor's form gives it.</summary>
public sealed record MemberInput
{
    public string? Name { get; init; }
    public string? IdNumber { get; init; }
    public int? Age { get; init; }
    public LaborCapacity? LaborCapacity { get; init; }
    public bool Employed { get; init; }
    public Education? Education { get; init; }
    public string? Phone { get; init; }
    public DisabilityType? DisabilityType { get; init; }
    public int? DisabilityGrade { get; init; }
    /// <summary>Skills held, with levels 1 to 3 (the taxonomy's codes, as the dataset's <c>skills</c>).</summary>
    public IReadOnlyList<SkillLevel> Skills { get; init; } = [];
    /// <summary>Demands the person cannot meet (the taxonomy's demand codes, as the dataset's <c>limits</c>).</summary>
    public IReadOnlyList<string> Limits { get; init; } = [];
    /// <summary>Accommodations the person needs (the taxonomy's accommodation codes, as the dataset's <c>needs</c>).</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];
}

/// <summary>The codes of the register's refusals beyond <see cref="ErrorCodes"/>; the pages have words for each.</summary>
public static class RegisterCodes
{
    /// <summary>Arguments: the masked number, the holder's person id, the holder's household id.</summary>
    public const string DuplicateIdNumber = "duplicate_id_number";
    public const string IdNumber = "id_number";
    /// <summary>Arguments: the category the lines give (or none).</summary>
    public const string CategoryNeedsReason = "category_needs_reason";
    public const string SizeBelowMembers = "size_below_members";
    public const string Archived = "archived";
    public const string Erased = "erased";
    public const string NothingChanged = "nothing_changed";
    /// <summary>Arguments: the skill's name.</summary>
    public const string SkillTwice = "skill_twice";
}

/// <summary>
/// The talent pool kept by hand (动态管理): a counselor registers a household and its members, edits
/// them, records income changes and archives a household that left. Every change keeps a history row
/// (who, when, before, after, why); every save reaches the indexes through the outbox the context
/// writes. The bounds are the importer's (<see cref="InputRules"/>, <see cref="ResidentId"/>,
/// <see cref="ResidentIdHolders"/>); the category is re-assessed against the district's lines
/// (<see cref="DistrictLines"/>, <see cref="HouseholdStanding"/>).
/// </summary>
public sealed class TalentPoolRegister(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const int DisabilityGradeMin = 1;
    public const int DisabilityGradeMax = 4;
    /// <summary>The dataset's skill levels (DatasetReader: 1 to 3).</summary>
    public const int SkillLevelMin = 1;
    public const int SkillLevelMax = 3;

    /// <summary>Registers a household with its members in one save; the new household's id.</summary>
    public async Task<Household> RegisterAsync(HouseholdInput input, IReadOnlyList<MemberInput> members, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.DayOf(now);
        var errors = new List<FieldError>();
        if (members.Count == 0)
        {
            errors.Add(new FieldError("Members", ErrorCodes.Required));
        }
        var size = input.Size ?? members.Count;
        if (size < members.Count)
        {
            errors.Add(new FieldError(nameof(HouseholdInput.Size), RegisterCodes.SizeBelowMembers, members.Count));
        }
        var idNumbers = new string?[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            idNumbers[i] = CheckMember(members[i], $"Members[{i}].", today, errors);
        }
        for (var i = 0; i < members.Count; i++)
        {
            if (idNumbers[i] is { } number && Array.IndexOf(idNumbers, number) < i)
            {
                errors.Add(new FieldError($"Members[{i}].IdNumber", RegisterCodes.DuplicateIdNumber, ResidentId.Mask(number), $"#{Array.IndexOf(idNumbers, number) + 1}", ""));
            }
        }
        await CheckHoldersAsync(idNumbers.Select((n, i) => (n, $"Members[{i}].IdNumber")).ToList(), [], errors, ct);
        var place = await CheckPlaceAsync(input, errors, ct);
        // A new household belongs to the district its street lies in: its keys and its lines are that district's.
        var districts = await DistrictBook.LoadAsync(db, ct);
        var home = districts.ForDivision(place.Street.Code);
        var district = home is null ? new DistrictRef(null, true) : districts.RefOf(home);
        var region = home is null ? null : WithLinesOn(home, clock.DayOf(now));
        var category = CheckCategory(input, size, region, current: null, errors);
        if (errors.Count > 0)
        {
            throw new FieldErrorsException(errors);
        }

        var household = new Household
        {
            Id = district.Key(NewId("H-")),
            Category = category.Category,
            CategoryReason = category.Reason,
            Size = size,
            MonthlyIncome = input.MonthlyIncome!.Value,
            Causes = input.Causes.Distinct().ToList(),
            DivisionCode = place.Street.Code,
            Address = Clean(input.Address),
            Lat = place.Lat,
            Lon = place.Lon,
            HelperUserId = null,
            RegisteredUtc = now,
            UpdatedUtc = now,
        };
        if (region is not null)
        {
            HouseholdStanding.ReassessExit(household, region, now);
        }
        for (var i = 0; i < members.Count; i++)
        {
            var person = new Person { Id = district.Key(NewId("S-")), HouseholdId = household.Id, Name = "", RegisteredUtc = now, UpdatedUtc = now };
            Apply(members[i], idNumbers[i], person);
            person.Status = InitialStatus(person);
            household.Members.Add(person);
        }
        db.Households.Add(household);
        db.RecordChanges.Add(Change(household.Id, null, now, actor, RecordFields.Registered, null,
            string.Create(CultureInfo.InvariantCulture, $"{members.Count} members, {household.Category?.ToString() ?? "-"}"), category.Reason));
        audit.Add(actor, "household.register", AuditTrail.Household, household.Id, AuditDetail.Of(AuditDetails.HouseholdRegistered, members.Count, household.DivisionCode));
        await db.SaveChangesAsync(ct);
        return household;
    }

    /// <summary>
    /// Changes a household's facts. An income or size change re-assesses the category against the
    /// lines in force (unless the counselor states another category with its reason) and the exit
    /// candidacy. <paramref name="reason"/> is required: it goes into every history row.
    /// </summary>
    public async Task<Household> EditHouseholdAsync(string householdId, HouseholdInput input, string? reason, string actor, CancellationToken ct = default)
    {
        var (household, region, errors, now) = await OpenForChangeAsync(householdId, reason, ct);
        var size = input.Size ?? household.Size;
        var living = household.Members.Count(m => m.ErasedUtc is null);
        if (size < living)
        {
            errors.Add(new FieldError(nameof(HouseholdInput.Size), RegisterCodes.SizeBelowMembers, living));
        }
        var place = await CheckPlaceAsync(input, errors, ct);
        var category = CheckCategory(input, size, region, household, errors);
        if (errors.Count > 0)
        {
            throw new FieldErrorsException(errors);
        }
        var why = reason!.Trim();
        var changes = new List<RecordChange>();
        void Set<T>(string field, T before, T after, Action<T> set, Func<T, string?> show)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                changes.Add(Change(household.Id, null, now, actor, field, show(before), show(after), why));
                set(after);
            }
        }
        Set(nameof(HouseholdInput.MonthlyIncome), household.MonthlyIncome, input.MonthlyIncome!.Value, v => household.MonthlyIncome = v, Money);
        Set(nameof(HouseholdInput.Size), household.Size, size, v => household.Size = v, v => v.ToString(CultureInfo.InvariantCulture));
        Set(nameof(HouseholdInput.Category), household.Category, category.Category, v => household.Category = v, v => v?.ToString());
        Set(nameof(HouseholdInput.CategoryReason), household.CategoryReason, category.Reason, v => household.CategoryReason = v, v => v);
        var causes = input.Causes.Distinct().ToList();
        if (!causes.SequenceEqual(household.Causes))
        {
            changes.Add(Change(household.Id, null, now, actor, nameof(HouseholdInput.Causes), string.Join(';', household.Causes), string.Join(';', causes), why));
            household.Causes = causes;
        }
        Set(nameof(HouseholdInput.DivisionCode), household.DivisionCode, place.Street.Code, v => household.DivisionCode = v, v => v);
        Set(nameof(HouseholdInput.Address), household.Address, Clean(input.Address), v => household.Address = v, v => v);
        Set("Location", (household.Lat, household.Lon), (place.Lat, place.Lon), v => (household.Lat, household.Lon) = v,
            v => string.Create(CultureInfo.InvariantCulture, $"{v.Item1:0.#####},{v.Item2:0.#####}"));
        if (changes.Count == 0)
        {
            throw new FieldErrorsException([new FieldError("", RegisterCodes.NothingChanged)]);
        }
        if (region is not null)
        {
            HouseholdStanding.ReassessExit(household, region, now);
        }
        db.RecordChanges.AddRange(changes);
        audit.Add(actor, "household.edit", AuditTrail.Household, household.Id, new AuditDetail(AuditDetails.FieldsChanged, changes.Select(c => c.Field).Distinct().ToList()));
        await db.SaveChangesAsync(ct);
        return household;
    }

    /// <summary>Changes a member's record; the ID number is checked as at registration and kept masked in the history.</summary>
    public async Task<Person> EditPersonAsync(string personId, MemberInput input, string? reason, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var person = await db.Persons.Include(p => p.Household).FirstOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new FieldErrorsException([new FieldError("", ErrorCodes.NotEditable)]);
        var errors = new List<FieldError>();
        CheckOpen(person.Household!, errors);
        if (person.ErasedUtc is not null)
        {
            errors.Add(new FieldError("", RegisterCodes.Erased));
        }
        CheckReason(reason, errors);
        var idNumber = CheckMember(input, "", clock.DayOf(now), errors);
        await CheckHoldersAsync([(idNumber, nameof(MemberInput.IdNumber))], [person.Id], errors, ct);
        if (errors.Count > 0)
        {
            throw new FieldErrorsException(errors);
        }
        var why = reason!.Trim();
        var before = Snapshot(person);
        Apply(input, idNumber, person);
        var after = Snapshot(person);
        var changes = before.Where(b => after[b.Key] != b.Value)
            .Select(b => Change(person.HouseholdId, person.Id, now, actor, b.Key, b.Value, after[b.Key], why)).ToList();
        if (changes.Count == 0)
        {
            throw new FieldErrorsException([new FieldError("", RegisterCodes.NothingChanged)]);
        }
        if (person.Employed && person.Status is PersonStatus.Registered or PersonStatus.Seeking)
        {
            person.Status = PersonStatus.Stable;
        }
        else if (!person.Employed && person.Status is PersonStatus.Stable or PersonStatus.Registered or PersonStatus.Inactive)
        {
            person.Status = InitialStatus(person);
        }
        db.RecordChanges.AddRange(changes);
        audit.Add(actor, "person.edit", AuditTrail.Person, person.Id, new AuditDetail(AuditDetails.FieldsChanged, changes.Select(c => c.Field).Distinct().ToList()));
        await db.SaveChangesAsync(ct);
        return person;
    }

    /// <summary>
    /// A household on the register loaded for a change, with its members, and the lines its own
    /// district has in force today (what a change of income or size is assessed against); the
    /// refusals every change shares (archived, no reason) are already in the error list.
    /// </summary>
    private async Task<(Household Household, Region? Region, List<FieldError> Errors, DateTime Now)> OpenForChangeAsync(
        string householdId, string? reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var household = await db.Households.Include(h => h.Members).AsSplitQuery().FirstOrDefaultAsync(h => h.Id == householdId, ct)
            ?? throw new FieldErrorsException([new FieldError("", ErrorCodes.NotEditable)]);
        var errors = new List<FieldError>();
        CheckOpen(household, errors);
        CheckReason(reason, errors);
        var region = await db.Regions.DistrictOf(household.Id).OnAsync(clock.DayOf(now), ct);
        return (household, region, errors, now);
    }

    /// <summary>
    /// Adds a member to a household on the register (a birth come of age, a relative moved in): the
    /// member is checked as at registration, the household's size grows to the members counted, and
    /// a size change re-assesses the category against the lines as an income change does (a stated
    /// category keeps its reason). One history row says who added whom and why.
    /// </summary>
    public async Task<Person> AddMemberAsync(string householdId, MemberInput input, string? reason, string actor, CancellationToken ct = default)
    {
        var (household, region, errors, now) = await OpenForChangeAsync(householdId, reason, ct);
        var idNumber = CheckMember(input, "", clock.DayOf(now), errors);
        await CheckHoldersAsync([(idNumber, nameof(MemberInput.IdNumber))], [], errors, ct);
        var living = household.Members.Count(m => m.ErasedUtc is null) + 1;
        var size = Math.Max(household.Size, living);
        var category = size == household.Size ? (household.Category, household.CategoryReason)
            : CheckCategory(new HouseholdInput
            {
                MonthlyIncome = household.MonthlyIncome,
                // The lines' own category is re-assessed; one the counselor stated stands with its reason.
                Category = household.CategoryReason is null ? null : household.Category,
                CategoryReason = household.CategoryReason,
            }, size, region, household, errors);
        if (errors.Count > 0)
        {
            throw new FieldErrorsException(errors);
        }
        var why = reason!.Trim();
        // A member of the household's district: their key is scoped as the household's is.
        var person = new Person { Id = DistrictKeys.Beside(household.Id, NewId("S-")), HouseholdId = household.Id, Name = "", RegisteredUtc = now, UpdatedUtc = now };
        Apply(input, idNumber, person);
        person.Status = InitialStatus(person);
        household.Members.Add(person);
        var changes = new List<RecordChange> { Change(household.Id, person.Id, now, actor, RecordFields.MemberAdded, null, person.Name, why) };
        if (size != household.Size)
        {
            changes.Add(Change(household.Id, null, now, actor, nameof(HouseholdInput.Size),
                household.Size.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture), why));
            household.Size = size;
        }
        if (category.Category != household.Category)
        {
            changes.Add(Change(household.Id, null, now, actor, nameof(HouseholdInput.Category), household.Category?.ToString(), category.Category?.ToString(), why));
            household.Category = category.Category;
        }
        if (region is not null)
        {
            HouseholdStanding.ReassessExit(household, region, now);
        }
        db.RecordChanges.AddRange(changes);
        audit.Add(actor, "household.member-added", AuditTrail.Household, household.Id, AuditDetail.Of(AuditDetails.MemberAdded, person.Id));
        await db.SaveChangesAsync(ct);
        return person;
    }

    /// <summary>
    /// Archives a household that left the program (moved away, deregistered): its record and history
    /// stay, its members leave the talent pool and the matches, and it can no longer be edited.
    /// </summary>
    public async Task ArchiveAsync(string householdId, string? reason, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var household = await db.Households.FirstOrDefaultAsync(h => h.Id == householdId, ct)
            ?? throw new FieldErrorsException([new FieldError("", ErrorCodes.NotEditable)]);
        var errors = new List<FieldError>();
        CheckOpen(household, errors);
        CheckReason(reason, errors);
        if (errors.Count > 0)
        {
            throw new FieldErrorsException(errors);
        }
        household.ArchivedUtc = now;
        household.ArchiveReason = reason!.Trim();
        db.RecordChanges.Add(Change(household.Id, null, now, actor, RecordFields.Archived, null, null, household.ArchiveReason));
        audit.Add(actor, "household.archive", AuditTrail.Household, household.Id);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The category the lines give an income per head: 低保 below the 低保 line, 低保边缘 below the edge line, none above.</summary>
    public static HouseholdCategory? LinesGive(IncomeBand band) => band switch
    {
        IncomeBand.BelowDibaoLine => HouseholdCategory.Dibao,
        IncomeBand.BelowEdgeLine => HouseholdCategory.DibaoEdge,
        _ => null,
    };

    private (HouseholdCategory? Category, string? Reason) CheckCategory(HouseholdInput input, int size, Region? region, Household? current, List<FieldError> errors)
    {
        if (input.MonthlyIncome is not { } income)
        {
            errors.Add(new FieldError(nameof(HouseholdInput.MonthlyIncome), ErrorCodes.Required));
            return (input.Category, null);
        }
        if (income < 0 || income > InputRules.MonthlyIncomeMax)
        {
            errors.Add(new FieldError(nameof(HouseholdInput.MonthlyIncome), ErrorCodes.Range, 0, InputRules.MonthlyIncomeMax));
            return (input.Category, null);
        }
        if (size < 1 || size > InputRules.HouseholdSizeMax)
        {
            errors.Add(new FieldError(nameof(HouseholdInput.Size), ErrorCodes.Range, 1, InputRules.HouseholdSizeMax));
            return (input.Category, null);
        }
        var reason = Clean(input.CategoryReason);
        if (reason is not null)
        {
            CheckText(nameof(HouseholdInput.CategoryReason), reason, InputRules.ReasonMax, errors, multiline: true);
        }
        // Without lines there is nothing to assess against: the counselor's word stands.
        var given = region is null ? input.Category
            : LinesGive(HouseholdStanding.Band(HouseholdStanding.IncomePerHead(income, size), region.DibaoLine, region.EdgeLine));
        var category = input.Category ?? given;
        if (category == given)
        {
            return (category, null);
        }
        // Another category than the lines': the stated reason, or the one already on record for it.
        reason ??= current is not null && current.Category == category ? current.CategoryReason : null;
        if (reason is null)
        {
            errors.Add(new FieldError(input.Category is null ? nameof(HouseholdInput.Category) : nameof(HouseholdInput.CategoryReason),
                RegisterCodes.CategoryNeedsReason, given?.ToString() ?? ""));
        }
        return (category, reason);
    }

    private async Task<(Division Street, double Lat, double Lon)> CheckPlaceAsync(HouseholdInput input, List<FieldError> errors, CancellationToken ct)
    {
        var empty = new Division { Code = "", Name = "" };
        var address = Clean(input.Address);
        if (address is null)
        {
            errors.Add(new FieldError(nameof(HouseholdInput.Address), ErrorCodes.Required));
        }
        else
        {
            CheckText(nameof(HouseholdInput.Address), address, InputRules.AddressMax, errors);
        }
        if (string.IsNullOrWhiteSpace(input.DivisionCode))
        {
            errors.Add(new FieldError(nameof(HouseholdInput.DivisionCode), ErrorCodes.Required));
            return (empty, 0, 0);
        }
        // The same lookup as the employer's posting form: a street or community with a centre.
        var street = await PositionPosting.StreetAsync(db, input.DivisionCode, ct);
        if (street is null)
        {
            errors.Add(new FieldError(nameof(HouseholdInput.DivisionCode), ErrorCodes.UnknownDivision, input.DivisionCode.Trim()));
            return (empty, 0, 0);
        }
        if ((input.Lat is null) != (input.Lon is null))
        {
            errors.Add(new FieldError(input.Lat is null ? nameof(HouseholdInput.Lat) : nameof(HouseholdInput.Lon), ErrorCodes.CoordinatesPair));
            return (street, 0, 0);
        }
        if (input.Lat is { } lat && input.Lon is { } lon)
        {
            var box = await PositionPosting.DistrictBoxAsync(db, ct);
            if (!box.Contains(lat, lon))
            {
                errors.Add(new FieldError(nameof(HouseholdInput.Lat), ErrorCodes.Range, box.MinLat, box.MaxLat));
            }
            return (street, lat, lon);
        }
        return (street, street.Lat!.Value, street.Lon!.Value);
    }

    /// <summary>Checks one member; returns the normalised ID number (null when none was given or it is wrong).</summary>
    private static string? CheckMember(MemberInput m, string prefix, DateOnly today, List<FieldError> errors)
    {
        var name = Clean(m.Name);
        if (name is null)
        {
            errors.Add(new FieldError(prefix + nameof(MemberInput.Name), ErrorCodes.Required));
        }
        else
        {
            CheckText(prefix + nameof(MemberInput.Name), name, InputRules.PersonNameMax, errors);
        }
        string? idNumber = null;
        if (Clean(m.IdNumber) is { } given)
        {
            if (ResidentId.TryValidate(given, today, out var normalised, out _))
            {
                idNumber = normalised;
            }
            else
            {
                errors.Add(new FieldError(prefix + nameof(MemberInput.IdNumber), RegisterCodes.IdNumber));
            }
        }
        if (m.Age is not { } age)
        {
            errors.Add(new FieldError(prefix + nameof(MemberInput.Age), ErrorCodes.Required));
        }
        else if (age < InputRules.AgeMin || age > InputRules.AgeMax)
        {
            errors.Add(new FieldError(prefix + nameof(MemberInput.Age), ErrorCodes.Range, InputRules.AgeMin, InputRules.AgeMax));
        }
        if (m.LaborCapacity is null || !Enum.IsDefined(m.LaborCapacity.Value))
        {
            errors.Add(new FieldError(prefix + nameof(MemberInput.LaborCapacity), ErrorCodes.Required));
        }
        if (m.Education is { } education && !Enum.IsDefined(education))
        {
            errors.Add(new FieldError(prefix + nameof(MemberInput.Education), ErrorCodes.Format));
        }
        if (Clean(m.Phone) is { } phone)
        {
            CheckText(prefix + nameof(MemberInput.Phone), phone, InputRules.PhoneMax, errors);
        }
        if (m.DisabilityType is { } type && !Enum.IsDefined(type))
        {
            errors.Add(new FieldError(prefix + nameof(MemberInput.DisabilityType), ErrorCodes.Format));
        }
        if (m.DisabilityGrade is { } grade && (grade < DisabilityGradeMin || grade > DisabilityGradeMax || m.DisabilityType is null))
        {
            errors.Add(new FieldError(prefix + nameof(MemberInput.DisabilityGrade), ErrorCodes.Range, DisabilityGradeMin, DisabilityGradeMax));
        }
        // The dataset's rules for the same fields (DatasetReader): known codes of the right kind, a skill once, levels 1 to 3.
        var taxonomy = Taxonomy.Taxonomy.Embedded;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var skill in m.Skills)
        {
            if (!taxonomy.IsKnown(skill.Code, TaxonomyKind.Skill))
            {
                errors.Add(new FieldError(prefix + nameof(MemberInput.Skills), ErrorCodes.UnknownCode, skill.Code));
            }
            else if (!seen.Add(skill.Code))
            {
                errors.Add(new FieldError(prefix + nameof(MemberInput.Skills), RegisterCodes.SkillTwice, taxonomy.Find(skill.Code)!.Name(false)));
            }
            if (skill.Level < SkillLevelMin || skill.Level > SkillLevelMax)
            {
                errors.Add(new FieldError(prefix + nameof(MemberInput.Skills), ErrorCodes.Range, SkillLevelMin, SkillLevelMax));
            }
        }
        foreach (var code in m.Limits.Where(c => !taxonomy.IsKnown(c, TaxonomyKind.Demand)))
        {
            errors.Add(new FieldError(prefix + nameof(MemberInput.Limits), ErrorCodes.UnknownCode, code));
        }
        foreach (var code in m.Needs.Where(c => !taxonomy.IsKnown(c, TaxonomyKind.Accommodation)))
        {
            errors.Add(new FieldError(prefix + nameof(MemberInput.Needs), ErrorCodes.UnknownCode, code));
        }
        return idNumber;
    }

    private async Task CheckHoldersAsync(IReadOnlyList<(string? Number, string Field)> numbers, IReadOnlyCollection<string> except,
        List<FieldError> errors, CancellationToken ct)
    {
        var holders = await ResidentIdHolders.FindAsync(db, numbers.Where(n => n.Number is not null).Select(n => n.Number!).ToList(), except, ct);
        foreach (var holder in holders)
        {
            foreach (var (_, field) in numbers.Where(n => n.Number == holder.IdNumber))
            {
                errors.Add(new FieldError(field, RegisterCodes.DuplicateIdNumber, holder.Masked, holder.PersonId, holder.HouseholdId));
            }
        }
    }

    private static void CheckText(string field, string text, int max, List<FieldError> errors, bool multiline = false)
    {
        if (InputRules.TextProblem(text, max, multiline) is { } problem)
        {
            errors.Add(new FieldError(field, problem == TextProblems.TooLong ? ErrorCodes.TooLong : ErrorCodes.Format, max));
        }
    }

    private static void CheckReason(string? reason, List<FieldError> errors)
    {
        if (Clean(reason) is not { } why)
        {
            errors.Add(new FieldError("Reason", ErrorCodes.Required));
            return;
        }
        CheckText("Reason", why, InputRules.ReasonMax, errors, multiline: true);
    }

    private static void CheckOpen(Household household, List<FieldError> errors)
    {
        if (household.ArchivedUtc is not null)
        {
            errors.Add(new FieldError("", RegisterCodes.Archived));
        }
    }

    private static void Apply(MemberInput m, string? idNumber, Person person)
    {
        person.Name = Clean(m.Name)!;
        person.IdNumber = idNumber;
        person.Age = m.Age!.Value;
        person.LaborCapacity = m.LaborCapacity!.Value;
        person.Employed = m.Employed;
        person.Education = m.Education ?? Education.None;
        person.Phone = Clean(m.Phone);
        person.DisabilityType = m.DisabilityType;
        person.DisabilityGrade = m.DisabilityType is null ? null : m.DisabilityGrade;
        // New lists, so the change tracker sees them change and the talent pool's outbox gets the person.
        person.Skills = m.Skills.OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
        person.Limits = m.Limits.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        person.Needs = m.Needs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    // The importer's rule for a register correction: the employed are stable, those who cannot work inactive.
    private static PersonStatus InitialStatus(Person person) =>
        person.Employed ? PersonStatus.Stable : person.LaborCapacity == LaborCapacity.None ? PersonStatus.Inactive : PersonStatus.Seeking;

    /// <summary>The fields the history compares, as shown there: the ID number masked.</summary>
    private static Dictionary<string, string?> Snapshot(Person p) => new(StringComparer.Ordinal)
    {
        [nameof(MemberInput.Name)] = p.Name,
        [nameof(MemberInput.IdNumber)] = p.IdNumber is null ? null : ResidentId.Mask(p.IdNumber),
        [nameof(MemberInput.Age)] = p.Age.ToString(CultureInfo.InvariantCulture),
        [nameof(MemberInput.LaborCapacity)] = p.LaborCapacity.ToString(),
        [nameof(MemberInput.Employed)] = p.Employed ? "true" : "false",
        [nameof(MemberInput.Education)] = p.Education.ToString(),
        [nameof(MemberInput.Phone)] = p.Phone,
        [nameof(MemberInput.DisabilityType)] = p.DisabilityType?.ToString(),
        [nameof(MemberInput.DisabilityGrade)] = p.DisabilityGrade?.ToString(CultureInfo.InvariantCulture),
        [nameof(MemberInput.Skills)] = Codes(p.Skills.OrderBy(s => s.Code, StringComparer.Ordinal).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Code}:{s.Level}"))),
        [nameof(MemberInput.Limits)] = Codes(p.Limits.Order(StringComparer.Ordinal)),
        [nameof(MemberInput.Needs)] = Codes(p.Needs.Order(StringComparer.Ordinal)),
    };

    private static string? Codes(IEnumerable<string> codes) => string.Join(';', codes) is { Length: > 0 } joined ? joined : null;

    private static RecordChange Change(string householdId, string? personId, DateTime now, string actor, string field, string? before, string? after, string? reason) =>
        new()
        {
            HouseholdId = householdId,
            PersonId = personId,
            AtUtc = now,
            Actor = actor,
            Field = field,
            Before = before is { Length: > 1000 } ? before[..1000] : before,
            After = after is { Length: > 1000 } ? after[..1000] : after,
            Reason = reason,
        };

    private static string Money(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Region WithLinesOn(Region region, DateOnly day)
    {
        var lines = DistrictLines.On(region, day);
        return new Region { Id = region.Id, Name = region.Name, DivisionCode = region.DivisionCode, DibaoLine = lines.DibaoLine, EdgeLine = lines.EdgeLine };
    }

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
}
