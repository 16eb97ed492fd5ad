using System.Text.Json;
using Employment.Core.Domain;
using Employment.Core.Matching;
using Employment.Core.Search;
using Employment.Demo;
using Employment.Tests.Matching;

namespace Employment.Tests.Search;

/// <summary>
/// The binary profile each index document stores must give back the whole profile: JSON of the
/// original and of the read-back copy are compared (JSON names every public property, so a
/// property the codec forgets shows up), and a property added to a profile record without the
/// codec learning it fails the count check.
/// </summary>
public sealed class ProfileCodecTests
{
    [Fact]
    public void Every_synthetic_profile_reads_back_whole()
    {
        var region = SyntheticRegion.Generate(20261124, 2000, 600);
        foreach (var p in region.Positions)
        {
            Assert.Equal(Json(p), Json(ProfileCodec.ReadPosition(ProfileCodec.Write(p))));
        }
        foreach (var s in region.Seekers)
        {
            Assert.Equal(Json(s), Json(ProfileCodec.ReadSeeker(ProfileCodec.Write(s))));
        }
    }

    [Fact]
    public void Every_property_set_reads_back_whole_and_writes_the_same_bytes()
    {
        var position = A.Position("P-9") with
        {
            Description = "写字楼保洁，night shift",
            EmployerName = "锦江物业",
            PublicWelfare = true,
            Headcount = 7,
            Filled = 3,
            MonthlyWage = 3456.78,
            HoursPerWeek = 37.5,
            DivisionCode = "510104",
            RequiredSkills = ["cleaning.office"],
            PreferredSkills = ["cleaning.home", "care.elderly"],
            Accommodations = ["step_free_access"],
            Demands = ["standing_long"],
            MinAge = 18,
            MaxAge = 55,
            MinEducation = Education.Junior,
            ValidUntil = new DateOnly(2027, 3, 1),
            IsOpen = false,
            PublishedUtc = new DateTime(2026, 11, 2, 8, 30, 0, DateTimeKind.Utc),
        };
        var remote = position with { Id = "P-10", Remote = true, Location = null, Description = null, EmployerName = null, PublishedUtc = null };
        var seeker = A.Seeker("S-9") with
        {
            LaborCapacity = LaborCapacity.Partial,
            Employed = true,
            Education = Education.College,
            Skills = [new SkillLevel("cleaning.office", 3), new SkillLevel("care.elderly", 1)],
            DisabilityType = DisabilityType.Hearing,
            DisabilityGrade = 2,
            Limits = ["hearing"],
            Needs = ["sign_language"],
            PrefersRemote = true,
            MaxCommuteKm = 12.5,
            MaxHoursPerWeek = 30,
            DesiredWage = 2800,
            DivisionCode = "510104",
            Intention = "想找保洁的工作",
            Household = new HouseholdFacts(HouseholdCategory.DibaoEdge, 4, 3200.5, true),
            Listing = new SeekerListing("张小明", "510104001", HouseholdCategory.DibaoEdge, [PovertyCause.Illness, PovertyCause.LackSkills],
                800.125m, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 1, 5, 3, 4, 5, DateTimeKind.Utc)),
        };
        var bare = seeker with { Id = "S-10", Listing = seeker.Listing! with { HouseholdDivisionCode = null, Category = null, Causes = [], LastReferredUtc = null } };
        foreach (var p in new[] { position, remote })
        {
            var bytes = ProfileCodec.Write(p);
            Assert.Equal(Json(p), Json(ProfileCodec.ReadPosition(bytes)));
            Assert.Equal(bytes, ProfileCodec.Write(ProfileCodec.ReadPosition(bytes)));
        }
        foreach (var s in new[] { seeker, bare, A.Seeker() })
        {
            var bytes = ProfileCodec.Write(s);
            Assert.Equal(Json(s), Json(ProfileCodec.ReadSeeker(bytes)));
            Assert.Equal(bytes, ProfileCodec.Write(ProfileCodec.ReadSeeker(bytes)));
        }
    }

    [Fact]
    public void A_property_added_to_a_profile_must_be_added_to_the_codec()
    {
        // When one of these fails, carry the new property in ProfileCodec (and bump its format and the schema versions).
        Assert.Equal(23, typeof(PositionProfile).GetProperties().Length);
        Assert.Equal(20, typeof(SeekerProfile).GetProperties().Length);
        Assert.Equal(4, typeof(HouseholdFacts).GetProperties().Length);
        Assert.Equal(7, typeof(SeekerListing).GetProperties().Length);
        Assert.Equal(19, typeof(Employment.Core.Training.CourseProfile).GetProperties().Length);
    }

    [Fact]
    public void Every_course_reads_back_whole_and_writes_the_same_bytes()
    {
        var region = SyntheticRegion.Generate(20261124, 10, 200);
        var courses = SyntheticCourses.Generate(20261124, 300, region).ToList();
        courses.Add(courses[0] with { Id = "C-FULL", DivisionCode = "510104", MinEducation = Education.Senior, IsOpen = false, HoursPerWeek = null, Location = null, Remote = true });
        foreach (var c in courses)
        {
            var bytes = ProfileCodec.Write(c);
            Assert.Equal(Json(c), Json(ProfileCodec.ReadCourse(bytes)));
            Assert.Equal(bytes, ProfileCodec.Write(ProfileCodec.ReadCourse(bytes)));
        }
    }

    [Fact]
    public void Another_format_is_refused_with_a_reason()
    {
        var bytes = ProfileCodec.Write(A.Position());
        bytes[0] = 99;
        var refused = Assert.Throws<InvalidDataException>(() => ProfileCodec.ReadPosition(bytes));
        Assert.Contains("rebuild", refused.Message, StringComparison.Ordinal);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
