using Employment.Core.Domain;
using Employment.Core.Matching;

namespace Employment.Core.Search;

/// <summary>
/// The profile each index document stores, in a compact binary form: an index reopened after a
/// restart refills the engine's profile table from it without the database, and the nightly check
/// compares it byte for byte with <see cref="ISearchIndex{T}.Serialize"/>. Binary rather than JSON
/// because it is written for every document of a rebuild (JSON was a tenth of a seeker's indexing
/// time) and read for every document at start. A version byte leads; a reader meeting another
/// version refuses, and the schema version (bumped with this format) makes the index rebuild.
/// Every property of the profile records is carried: <c>ProfileCodecTests</c> fails when one is added
/// and not written here.
/// </summary>
internal static class ProfileCodec
{
    private const byte PositionFormat = 1;
    private const byte SeekerFormat = 1;
    private const byte CourseFormat = 1;

    public static byte[] Write(PositionProfile p)
    {
        using var buffer = new MemoryStream(256);
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(PositionFormat);
            w.Write(p.Id);
            w.Write(p.Title);
            OptionalString(w, p.Description);
            w.Write(p.EmployerId);
            OptionalString(w, p.EmployerName);
            w.Write(p.PublicWelfare);
            w.Write(p.Headcount);
            w.Write(p.Filled);
            w.Write(p.MonthlyWage);
            w.Write(p.HoursPerWeek);
            w.Write(p.Remote);
            OptionalPoint(w, p.Location);
            OptionalString(w, p.DivisionCode);
            Strings(w, p.RequiredSkills);
            Strings(w, p.PreferredSkills);
            Strings(w, p.Accommodations);
            Strings(w, p.Demands);
            OptionalInt(w, p.MinAge);
            OptionalInt(w, p.MaxAge);
            OptionalInt(w, (int?)p.MinEducation);
            OptionalInt(w, p.ValidUntil?.DayNumber);
            w.Write(p.IsOpen);
            OptionalDate(w, p.PublishedUtc);
        }
        return buffer.ToArray();
    }

    public static PositionProfile ReadPosition(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), System.Text.Encoding.UTF8);
        Expect(r, PositionFormat, "position");
        return new PositionProfile
        {
            Id = r.ReadString(),
            Title = r.ReadString(),
            Description = OptionalString(r),
            EmployerId = r.ReadString(),
            EmployerName = OptionalString(r),
            PublicWelfare = r.ReadBoolean(),
            Headcount = r.ReadInt32(),
            Filled = r.ReadInt32(),
            MonthlyWage = r.ReadDouble(),
            HoursPerWeek = r.ReadDouble(),
            Remote = r.ReadBoolean(),
            Location = OptionalPoint(r),
            DivisionCode = OptionalString(r),
            RequiredSkills = Strings(r),
            PreferredSkills = Strings(r),
            Accommodations = Strings(r),
            Demands = Strings(r),
            MinAge = OptionalInt(r),
            MaxAge = OptionalInt(r),
            MinEducation = (Education?)OptionalInt(r),
            ValidUntil = OptionalInt(r) is { } day ? DateOnly.FromDayNumber(day) : null,
            IsOpen = r.ReadBoolean(),
            PublishedUtc = OptionalDate(r),
        };
    }

    public static byte[] Write(SeekerProfile s)
    {
        using var buffer = new MemoryStream(128);
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(SeekerFormat);
            w.Write(s.Id);
            w.Write(s.HouseholdId);
            w.Write(s.Age);
            w.Write((int)s.LaborCapacity);
            w.Write(s.Employed);
            w.Write((int)s.Education);
            w.Write(s.Skills.Count);
            foreach (var skill in s.Skills)
            {
                w.Write(skill.Code);
                w.Write(skill.Level);
            }
            OptionalInt(w, (int?)s.DisabilityType);
            OptionalInt(w, s.DisabilityGrade);
            Strings(w, s.Limits);
            Strings(w, s.Needs);
            w.Write(s.PrefersRemote);
            w.Write(s.MaxCommuteKm);
            OptionalDouble(w, s.MaxHoursPerWeek);
            OptionalDouble(w, s.DesiredWage);
            w.Write(s.Location.Lat);
            w.Write(s.Location.Lon);
            OptionalString(w, s.DivisionCode);
            OptionalString(w, s.Intention);
            OptionalInt(w, (int?)s.Household.Category);
            w.Write(s.Household.Size);
            w.Write(s.Household.MonthlyIncome);
            w.Write(s.Household.ZeroEmployment);
            w.Write(s.Listing is not null);
            if (s.Listing is { } l)
            {
                w.Write(l.Name);
                OptionalString(w, l.HouseholdDivisionCode);
                OptionalInt(w, (int?)l.Category);
                w.Write(l.Causes.Count);
                foreach (var cause in l.Causes)
                {
                    w.Write((int)cause);
                }
                w.Write(l.IncomePerHead);
                OptionalDate(w, l.LastReferredUtc);
                w.Write(l.RegisteredUtc.ToBinary());
            }
        }
        return buffer.ToArray();
    }

    public static SeekerProfile ReadSeeker(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), System.Text.Encoding.UTF8);
        Expect(r, SeekerFormat, "seeker");
        var id = r.ReadString();
        var household = r.ReadString();
        var age = r.ReadInt32();
        var capacity = (LaborCapacity)r.ReadInt32();
        var employed = r.ReadBoolean();
        var education = (Education)r.ReadInt32();
        var skills = new SkillLevel[Count(r)];
        for (var i = 0; i < skills.Length; i++)
        {
            skills[i] = new SkillLevel(r.ReadString(), r.ReadInt32());
        }
        var disability = (DisabilityType?)OptionalInt(r);
        var grade = OptionalInt(r);
        var limits = Strings(r);
        var needs = Strings(r);
        var remote = r.ReadBoolean();
        var commute = r.ReadDouble();
        var hours = OptionalDouble(r);
        var wage = OptionalDouble(r);
        var location = new GeoPoint(r.ReadDouble(), r.ReadDouble());
        var division = OptionalString(r);
        var intention = OptionalString(r);
        var facts = new HouseholdFacts((HouseholdCategory?)OptionalInt(r), r.ReadInt32(), r.ReadDouble(), r.ReadBoolean());
        SeekerListing? listing = null;
        if (r.ReadBoolean())
        {
            var name = r.ReadString();
            var listingDivision = OptionalString(r);
            var category = (HouseholdCategory?)OptionalInt(r);
            var causes = new PovertyCause[Count(r)];
            for (var i = 0; i < causes.Length; i++)
            {
                causes[i] = (PovertyCause)r.ReadInt32();
            }
            listing = new SeekerListing(name, listingDivision, category, causes, r.ReadDecimal(), OptionalDate(r), DateTime.FromBinary(r.ReadInt64()));
        }
        return new SeekerProfile
        {
            Id = id,
            HouseholdId = household,
            Age = age,
            LaborCapacity = capacity,
            Employed = employed,
            Education = education,
            Skills = skills,
            DisabilityType = disability,
            DisabilityGrade = grade,
            Limits = limits,
            Needs = needs,
            PrefersRemote = remote,
            MaxCommuteKm = commute,
            MaxHoursPerWeek = hours,
            DesiredWage = wage,
            Location = location,
            DivisionCode = division,
            Intention = intention,
            Household = facts,
            Listing = listing,
        };
    }

    public static byte[] Write(Training.CourseProfile c)
    {
        using var buffer = new MemoryStream(256);
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(CourseFormat);
            w.Write(c.Id);
            w.Write(c.Title);
            w.Write(c.Provider);
            w.Write(c.Skills.Count);
            foreach (var skill in c.Skills)
            {
                w.Write(skill.Code);
                w.Write(skill.Level);
            }
            w.Write(c.StartDate.DayNumber);
            w.Write(c.EndDate.DayNumber);
            OptionalDouble(w, c.HoursPerWeek);
            w.Write(c.Seats);
            w.Write(c.Enrolled);
            w.Write(c.Remote);
            OptionalPoint(w, c.Location);
            OptionalString(w, c.DivisionCode);
            Strings(w, c.Accommodations);
            OptionalInt(w, c.MinAge);
            OptionalInt(w, c.MaxAge);
            OptionalInt(w, (int?)c.MinEducation);
            w.Write(c.Subsidized);
            Strings(w, c.ForPositions);
            w.Write(c.IsOpen);
        }
        return buffer.ToArray();
    }

    public static Training.CourseProfile ReadCourse(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), System.Text.Encoding.UTF8);
        Expect(r, CourseFormat, "course");
        var id = r.ReadString();
        var title = r.ReadString();
        var provider = r.ReadString();
        var skills = new SkillLevel[Count(r)];
        for (var i = 0; i < skills.Length; i++)
        {
            skills[i] = new SkillLevel(r.ReadString(), r.ReadInt32());
        }
        return new Training.CourseProfile
        {
            Id = id,
            Title = title,
            Provider = provider,
            Skills = skills,
            StartDate = DateOnly.FromDayNumber(r.ReadInt32()),
            EndDate = DateOnly.FromDayNumber(r.ReadInt32()),
            HoursPerWeek = OptionalDouble(r),
            Seats = r.ReadInt32(),
            Enrolled = r.ReadInt32(),
            Remote = r.ReadBoolean(),
            Location = OptionalPoint(r),
            DivisionCode = OptionalString(r),
            Accommodations = Strings(r),
            MinAge = OptionalInt(r),
            MaxAge = OptionalInt(r),
            MinEducation = (Education?)OptionalInt(r),
            Subsidized = r.ReadBoolean(),
            ForPositions = Strings(r),
            IsOpen = r.ReadBoolean(),
        };
    }

    private static void Expect(BinaryReader r, byte format, string kind)
    {
        var found = r.ReadByte();
        if (found != format)
        {
            throw new InvalidDataException($"stored {kind} profile has format {found}, this version reads {format}: rebuild the index");
        }
    }

    private static int Count(BinaryReader r)
    {
        var count = r.ReadInt32();
        return count >= 0 && count <= 1_000_000 ? count : throw new InvalidDataException($"stored profile list of {count} items");
    }

    private static void Strings(BinaryWriter w, IReadOnlyList<string> values)
    {
        w.Write(values.Count);
        foreach (var value in values)
        {
            w.Write(value);
        }
    }

    private static string[] Strings(BinaryReader r)
    {
        var values = new string[Count(r)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadString();
        }
        return values;
    }

    private static void OptionalString(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
        {
            w.Write(value);
        }
    }

    private static string? OptionalString(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void OptionalInt(BinaryWriter w, int? value)
    {
        w.Write(value.HasValue);
        if (value is { } v)
        {
            w.Write(v);
        }
    }

    private static int? OptionalInt(BinaryReader r) => r.ReadBoolean() ? r.ReadInt32() : null;

    private static void OptionalDouble(BinaryWriter w, double? value)
    {
        w.Write(value.HasValue);
        if (value is { } v)
        {
            w.Write(v);
        }
    }

    private static double? OptionalDouble(BinaryReader r) => r.ReadBoolean() ? r.ReadDouble() : null;

    private static void OptionalPoint(BinaryWriter w, GeoPoint? value)
    {
        w.Write(value.HasValue);
        if (value is { } v)
        {
            w.Write(v.Lat);
            w.Write(v.Lon);
        }
    }

    private static GeoPoint? OptionalPoint(BinaryReader r) => r.ReadBoolean() ? new GeoPoint(r.ReadDouble(), r.ReadDouble()) : null;

    // ToBinary keeps the kind (UTC, local or unspecified), as the JSON form did.
    private static void OptionalDate(BinaryWriter w, DateTime? value)
    {
        w.Write(value.HasValue);
        if (value is { } v)
        {
            w.Write(v.ToBinary());
        }
    }

    private static DateTime? OptionalDate(BinaryReader r) => r.ReadBoolean() ? DateTime.FromBinary(r.ReadInt64()) : null;
}
