using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Matching;
using Employment.Core.Positions;
using Employment.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Interchange;

public sealed record ImportSummary(int Employers, int Positions, int Households, int Persons, int Created, int Updated)
{
    public int Courses { get; init; }
}

/// <summary>
/// Writes a validated dataset into the database in one transaction. Records are matched by id, so
/// importing the same file twice changes nothing the second time. Conflicts with what the database
/// already holds (a person moving between households) are found before anything is written.
/// </summary>
public sealed class DatasetImporter(AppDbContext db, TimeProvider clock)
{
    /// <summary>The audit action of an import that wrote something.</summary>
    public const string AuditAction = "dataset.import";

    /// <param name="actor">Who imported, for the audit log (the operator at the command line, the start's seeder).</param>
    public async Task<ImportSummary> ImportAsync(Dataset dataset, CancellationToken cancellationToken = default, string actor = "import")
    {
        var (region, district) = await FindDistrictAsync(dataset.Region, cancellationToken);
        var errors = await FindConflictsAsync(dataset, district, cancellationToken);
        if (errors.Count > 0)
        {
            throw new DatasetException(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var created = 0;
        var existing = new List<object>();
        void Count(bool isNew, object record)
        {
            if (isNew)
            {
                created++;
            }
            else
            {
                existing.Add(record);
            }
        }
        // Ids are the district's own (interchange.md, "Several districts in one store"): every record
        // of the file is looked up and stored under its district's key.
        string Key(string id) => district.Key(id);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        if (region is null)
        {
            region = new Region { Name = dataset.Region.Name, UpdatedUtc = now, DibaoLine = dataset.Region.DibaoLine, EdgeLine = dataset.Region.EdgeLine };
            db.Regions.Add(region);
        }
        region.Name = dataset.Region.Name;
        // A file without a code leaves the district's code alone: the keys of its other records may use it.
        region.DivisionCode = dataset.Region.DivisionCode ?? region.DivisionCode;
        ApplyLines(dataset.Region, region, clock.Today());

        var employerIds = dataset.Employers.Select(e => Key(e.Id)).ToList();
        var employers = await db.Employers.Where(e => employerIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        foreach (var record in dataset.Employers)
        {
            var isNew = !employers.TryGetValue(Key(record.Id), out var employer);
            employer ??= db.Employers.Add(new Employer { Id = Key(record.Id), Name = record.Name, CreatedUtc = now }).Entity;
            employer.Name = record.Name;
            employer.PublicSector = record.PublicSector;
            Count(isNew, employer);
        }

        var positionIds = dataset.Positions.Select(p => Key(p.Id)).ToList();
        var positions = await db.Positions.Where(p => positionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var record in dataset.Positions)
        {
            var isNew = !positions.TryGetValue(Key(record.Id), out var position);
            position ??= db.Positions.Add(new Position { Id = Key(record.Id), Title = record.Title, EmployerId = Key(record.EmployerId), CreatedUtc = now, UpdatedUtc = now }).Entity;
            Apply(record, position, Key(record.EmployerId), now);
            Count(isNew, position);
        }

        var householdIds = dataset.Households.Select(h => Key(h.Id)).ToList();
        var households = await db.Households.Include(h => h.Members)
            .Where(h => householdIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, cancellationToken);
        foreach (var record in dataset.Households)
        {
            var isNew = !households.TryGetValue(Key(record.Id), out var household);
            household ??= db.Households.Add(new Household { Id = Key(record.Id), RegisteredUtc = now, UpdatedUtc = now }).Entity;
            Apply(record, household);
            Count(isNew, household);
            foreach (var member in record.Members)
            {
                var person = household.Members.FirstOrDefault(m => m.Id == Key(member.Id));
                var newPerson = person is null;
                if (person is null)
                {
                    person = new Person { Id = Key(member.Id), HouseholdId = household.Id, Name = member.Name, RegisteredUtc = now, UpdatedUtc = now };
                    household.Members.Add(person);
                }
                Apply(member, person, household);
                Count(newPerson, person);
            }
        }

        var courseIds = dataset.Courses.Select(c => Key(c.Id)).ToList();
        var courses = await db.Courses.Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var record in dataset.Courses)
        {
            var isNew = !courses.TryGetValue(Key(record.Id), out var course);
            course ??= db.Courses.Add(new Course { Id = Key(record.Id), Title = record.Title, Provider = record.Provider, CreatedUtc = now, UpdatedUtc = now }).Entity;
            Apply(record, course, Key);
            Count(isNew, course);
        }

        // A record is updated when a value changed, not because the file named it: an unchanged one
        // keeps its time stamp and writes nothing (no outbox row, no re-index).
        db.ChangeTracker.DetectChanges();
        var updated = 0;
        foreach (var record in existing)
        {
            var entry = db.Entry(record);
            if (entry.Properties.Any(p => p.IsModified && p.Metadata.Name is not ("UpdatedUtc" or "Version")))
            {
                updated++;
            }
            else
            {
                entry.State = EntityState.Unchanged;
            }
        }

        // Households and persons were written: the audit says who, in the same transaction. An
        // import that changed nothing writes nothing, not even this.
        if (created + updated > 0)
        {
            new AuditTrail(db, clock).Add(actor, AuditAction, "region", region.DivisionCode ?? region.Name,
                AuditDetail.Of(AuditDetails.Imported, region.Name, created, updated));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new ImportSummary(dataset.Employers.Count, dataset.Positions.Count, dataset.Households.Count,
            dataset.Households.Sum(h => h.Members.Count), created, updated) { Courses = dataset.Courses.Count };
    }

    /// <summary>
    /// The district a file is for: the one with its division code, else a new one beside the others.
    /// A file without a code is for the store's first district (a one-district store, as before
    /// several), and a first district stored without a code takes the code of the first file that has one.
    /// </summary>
    private async Task<(Region? Region, DistrictRef District)> FindDistrictAsync(RegionRecord record, CancellationToken ct)
    {
        var regions = await db.Regions.Include(r => r.History).OrderBy(r => r.Id).ToListAsync(ct);
        var code = record.DivisionCode;
        var region = code is null ? regions.FirstOrDefault() : regions.FirstOrDefault(r => r.DivisionCode == code);
        if (region is null && code is not null && regions.Count == 1 && regions[0].DivisionCode is null)
        {
            region = regions[0];
        }
        var isFirst = region is null ? regions.Count == 0 : region.Id == regions[0].Id;
        return (region, new DistrictRef(region?.DivisionCode ?? code, isFirst));
    }

    /// <summary>
    /// The file's lines. A file that gives a history (or the day its lines began) states the
    /// district's whole line record and replaces the stored one; a file with new lines and no history
    /// changes the lines from today, the old ones going into the history.
    /// </summary>
    private static void ApplyLines(RegionRecord record, Region region, DateOnly today)
    {
        if (record.LineHistory.Count == 0 && record.LinesFrom is null)
        {
            if (region.Id == 0)
            {
                // Nothing to keep yet: the lines are the district's as far as the store knows.
                region.DibaoLine = record.DibaoLine;
                region.EdgeLine = record.EdgeLine;
            }
            else
            {
                DistrictLines.Change(region, record.DibaoLine, record.EdgeLine, today);
            }
            return;
        }
        var linesFrom = record.LinesFrom
            ?? (region.Id != 0 && region.DibaoLine == record.DibaoLine && region.EdgeLine == record.EdgeLine && region.LinesFrom is { } kept
                ? kept : today);
        region.DibaoLine = record.DibaoLine;
        region.EdgeLine = record.EdgeLine;
        region.LinesFrom = linesFrom;
        var wanted = record.LineHistory.Where(h => h.From < linesFrom).ToList();
        var same = region.History.Count == wanted.Count && wanted.All(w => region.History.Any(h =>
            h.From == w.From && h.DibaoLine == w.DibaoLine && h.EdgeLine == w.EdgeLine));
        if (!same)
        {
            region.History.Clear();
            region.History.AddRange(wanted.Select(w => new RegionLineHistory { RegionId = region.Id, From = w.From, DibaoLine = w.DibaoLine, EdgeLine = w.EdgeLine }));
        }
    }

    private async Task<List<DatasetError>> FindConflictsAsync(Dataset dataset, DistrictRef district, CancellationToken cancellationToken)
    {
        var errors = new List<DatasetError>();
        var memberOf = dataset.Households.SelectMany(h => h.Members.Select(m => (Person: district.Key(m.Id), Household: district.Key(h.Id))))
            .ToDictionary(x => x.Person, x => x.Household);
        var personIds = memberOf.Keys.ToList();
        var existing = await db.Persons.Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.HouseholdId }).ToListAsync(cancellationToken);
        foreach (var person in existing.Where(p => p.HouseholdId != memberOf[p.Id]))
        {
            errors.Add(new DatasetError($"person {DistrictKeys.LocalId(person.Id)} (household {DistrictKeys.LocalId(memberOf[person.Id])})", "id",
                $"already belongs to household {DistrictKeys.LocalId(person.HouseholdId)} in the database"));
        }

        // One resident ID, one person, across the store: the same rule as the counselor's register form.
        var idNumbers = dataset.Households.SelectMany(h => h.Members.Select(m => (Person: m, Household: h.Id)))
            .Where(x => x.Person.IdNumber is not null).ToList();
        var holders = await ResidentIdHolders.FindAsync(db, idNumbers.Select(x => x.Person.IdNumber!).ToList(), personIds, cancellationToken);
        foreach (var holder in holders)
        {
            foreach (var (person, household) in idNumbers.Where(x => x.Person.IdNumber == holder.IdNumber))
            {
                errors.Add(new DatasetError($"person {person.Id} (household {household})", "idNumber",
                    $"is the same resident ID ({holder.Masked}) as that of person {holder.PersonId} (household {holder.HouseholdId}) in the database"));
            }
        }

        // A position is its employer's: a file may not move another employer's position to its own.
        var employerOf = dataset.Positions.ToDictionary(p => district.Key(p.Id), p => district.Key(p.EmployerId));
        var positionIds = employerOf.Keys.ToList();
        var owned = await db.Positions.Where(p => positionIds.Contains(p.Id))
            .Select(p => new { p.Id, p.EmployerId }).ToListAsync(cancellationToken);
        foreach (var position in owned.Where(p => p.EmployerId != employerOf[p.Id]))
        {
            errors.Add(new DatasetError($"position {DistrictKeys.LocalId(position.Id)}", "id",
                $"already belongs to employer {DistrictKeys.LocalId(position.EmployerId)} in the database, not {DistrictKeys.LocalId(employerOf[position.Id])}"));
        }

        await FindPlaceErrorsAsync(dataset, errors, cancellationToken);
        return errors;
    }

    /// <summary>
    /// Division codes the database knows, and coordinates within the district (its streets' box
    /// and a margin): the same bounds the forms keep. With no divisions loaded there is nothing to
    /// check codes against, and coordinates must at least be in China. A district whose divisions
    /// the store does not hold (a second district of a store seeded with the first's) is checked
    /// against its own code: every division code in its file must lie under it.
    /// </summary>
    private async Task FindPlaceErrorsAsync(Dataset dataset, List<DatasetError> errors, CancellationToken cancellationToken)
    {
        var divisions = await db.Divisions.AsNoTracking().Select(d => new { d.Code, d.Lat, d.Lon }).ToListAsync(cancellationToken);
        var regionCode = dataset.Region.DivisionCode;
        var own = regionCode is null ? divisions : divisions.Where(d => d.Code.StartsWith(regionCode, StringComparison.Ordinal)).ToList();
        var unknownDistrict = regionCode is not null && own.Count == 0 && divisions.Count > 0;
        var codes = divisions.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var box = GeoBox.Around(own.Where(d => d.Lat != null && d.Lon != null).Select(d => (d.Lat!.Value, d.Lon!.Value)).ToList(),
            InputRules.DistrictMarginDegrees);

        void Check(string record, string field, LocationRecord? location)
        {
            if (location is null)
            {
                return;
            }
            if (!box.Contains(location.Lat, location.Lon))
            {
                errors.Add(new DatasetError(record, field, FormattableString.Invariant(
                    $"({location.Lat}, {location.Lon}) is outside the district ({box})")));
            }
            if (location.DivisionCode is not { } code)
            {
                return;
            }
            if (unknownDistrict)
            {
                if (!code.StartsWith(regionCode!, StringComparison.Ordinal))
                {
                    errors.Add(new DatasetError(record, field + ".divisionCode", $"'{code}' is not a division of district {regionCode}"));
                }
            }
            else if (codes.Count > 0 && !codes.Contains(code))
            {
                errors.Add(new DatasetError(record, field + ".divisionCode", $"no division has the code '{code}'"));
            }
        }

        foreach (var position in dataset.Positions)
        {
            Check($"position {position.Id}", "location", position.Location);
        }
        foreach (var household in dataset.Households)
        {
            Check($"household {household.Id}", "location", household.Location);
            foreach (var member in household.Members)
            {
                Check($"person {member.Id} (household {household.Id})", "location", member.Location);
            }
        }
        foreach (var course in dataset.Courses)
        {
            Check($"course {course.Id}", "location", course.Location);
        }
    }

    private static void Apply(CourseRecord record, Course course, Func<string, string> key)
    {
        course.Title = record.Title;
        course.Provider = record.Provider;
        SetIfChanged(course.Skills, record.Skills.Select(s => new SkillLevel(s.Code, s.Level)).ToList(), v => course.Skills = v);
        course.StartDate = record.StartDate;
        course.EndDate = record.EndDate;
        course.HoursPerWeek = record.HoursPerWeek;
        course.Seats = record.Seats;
        course.Enrolled = record.Enrolled;
        course.Remote = record.Remote;
        course.Lat = record.Location?.Lat;
        course.Lon = record.Location?.Lon;
        course.Address = record.Location?.Address;
        course.DivisionCode = record.Location?.DivisionCode;
        SetIfChanged(course.Accommodations, record.Accommodations, v => course.Accommodations = v);
        course.MinAge = record.MinAge;
        course.MaxAge = record.MaxAge;
        course.MinEducation = record.MinEducation is null ? null : Parse<Education>(record.MinEducation, WireNames.TryParseEducation);
        course.Subsidized = record.Subsidized;
        SetIfChanged(course.ForPositions, record.ForPositions.Select(key).ToList(), v => course.ForPositions = v);
    }

    private static void Apply(PositionRecord record, Position position, string employerKey, DateTime now)
    {
        position.Title = record.Title;
        position.EmployerId = employerKey;
        position.Description = record.Description;
        position.PublicWelfare = record.PublicWelfare;
        position.Headcount = record.Headcount;
        position.Filled = record.Filled;
        position.MonthlyWage = record.MonthlyWage;
        position.HoursPerWeek = record.HoursPerWeek;
        position.Remote = record.Remote;
        position.Lat = record.Location?.Lat;
        position.Lon = record.Location?.Lon;
        position.Address = record.Location?.Address;
        position.DivisionCode = record.Location?.DivisionCode;
        SetIfChanged(position.RequiredSkills, record.RequiredSkills, v => position.RequiredSkills = v);
        SetIfChanged(position.PreferredSkills, record.PreferredSkills, v => position.PreferredSkills = v);
        SetIfChanged(position.Accommodations, record.Accommodations, v => position.Accommodations = v);
        SetIfChanged(position.Demands, record.Demands, v => position.Demands = v);
        position.MinAge = record.MinAge;
        position.MaxAge = record.MaxAge;
        position.MinEducation = record.MinEducation is null ? null : Parse<Education>(record.MinEducation, WireNames.TryParseEducation);
        position.ValidUntil = record.ValidUntil;
        position.MonthlySubsidy = record.MonthlySubsidy;
        position.FundingBody = record.FundingBody;
        position.FundedUntil = record.FundedUntil;

        var target = record.Status == "closed" ? PositionStatus.Closed : PositionStatus.Open;
        var current = position.Status;
        var isOpenLike = current is PositionStatus.Open or PositionStatus.Filled or PositionStatus.Expired;
        if ((target == PositionStatus.Open && isOpenLike) || current == target)
        {
            return;
        }
        if (Position.Lifecycle.CanMove(current, target))
        {
            position.MoveTo(target, "import", "dataset import", now);
        }
        else
        {
            // A dataset is the register's word on a position's state: a new record, or one still in
            // draft, takes the state the file gives, and the history says where it came from.
            position.History.Add(new PositionStatusChange { PositionId = position.Id, From = current, To = target, ByUser = "import", Note = "dataset import", AtUtc = now });
            position.Status = target;
            position.PublishedUtc ??= target == PositionStatus.Open ? now : null;
        }
    }

    private static void Apply(HouseholdRecord record, Household household)
    {
        household.Category = record.Category is null ? null : Parse<HouseholdCategory>(record.Category, WireNames.TryParseCategory);
        household.Size = record.Size;
        household.MonthlyIncome = record.MonthlyIncome;
        SetIfChanged(household.Causes, record.Causes.Select(c => Parse<PovertyCause>(c, WireNames.TryParseCause)).ToList(), v => household.Causes = v);
        household.Lat = record.Location!.Lat;
        household.Lon = record.Location.Lon;
        household.Address = record.Location.Address;
        household.DivisionCode = record.Location.DivisionCode;
    }

    private static void Apply(PersonRecord record, Person person, Household household)
    {
        person.Name = record.Name;
        person.IdNumber = record.IdNumber;
        person.Age = record.Age;
        person.LaborCapacity = Parse<LaborCapacity>(record.LaborCapacity, WireNames.TryParseLaborCapacity);
        person.Employed = record.Employed;
        person.Education = Parse<Education>(record.Education, WireNames.TryParseEducation);
        SetIfChanged(person.Skills, record.Skills.Select(s => new SkillLevel(s.Code, s.Level)).ToList(), v => person.Skills = v);
        person.DisabilityType = record.Disability is null ? null : Parse<DisabilityType>(record.Disability.Type, WireNames.TryParseDisabilityType);
        person.DisabilityGrade = record.Disability?.Grade;
        SetIfChanged(person.Limits, record.Limits, v => person.Limits = v);
        SetIfChanged(person.Needs, record.Needs, v => person.Needs = v);
        person.PrefersRemote = record.PrefersRemote;
        person.MaxCommuteKm = record.MaxCommuteKm;
        person.MaxHoursPerWeek = record.MaxHoursPerWeek;
        person.DesiredWage = record.DesiredWage;
        // A person at the household's address keeps no location of their own, so moving the
        // household moves them too.
        var own = record.Location is { } l && (l.Lat != household.Lat || l.Lon != household.Lon || l.Address != household.Address);
        person.Lat = own ? record.Location!.Lat : null;
        person.Lon = own ? record.Location!.Lon : null;
        person.Address = own ? record.Location!.Address : null;
        person.DivisionCode = own ? record.Location!.DivisionCode : null;

        // The file states who is employed; the status follows it, as a register's correction
        // rather than a step of the placement lifecycle.
        var status = person.Employed ? PersonStatus.Stable
            : person.LaborCapacity == LaborCapacity.None ? PersonStatus.Inactive
            : person.Status is PersonStatus.Referred or PersonStatus.Interviewing ? person.Status
            : PersonStatus.Seeking;
        if (status != person.Status)
        {
            person.Status = status;
        }
    }

    // Assigning an equal list would still mark the row modified through the comparer's snapshot;
    // keeping the old instance keeps a re-import a true no-op for the outbox.
    private static void SetIfChanged<T>(List<T> current, List<T> next, Action<List<T>> set)
    {
        if (!current.SequenceEqual(next))
        {
            set(next.ToList());
        }
    }

    private delegate bool TryParse<T>(string? wire, out T value);

    private static T Parse<T>(string wire, TryParse<T> tryParse) =>
        tryParse(wire, out var value) ? value : throw new InvalidOperationException($"unvalidated value '{wire}' reached the importer");
}
