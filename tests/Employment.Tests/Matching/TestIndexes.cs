using Employment.Core.Domain;
using Employment.Core.Matching;
using Employment.Core.Search;

namespace Employment.Tests.Matching;

/// <summary>Both indexes on disk in a fresh temp folder, deleted on dispose.</summary>
public sealed class TestIndexes : IDisposable
{
    public TestIndexes()
    {
        Root = Path.Combine(Path.GetTempPath(), "employment-tests-" + Guid.NewGuid().ToString("N"));
        Options = new SearchOptions { IndexRoot = Root };
        JobBank = new JobBankIndex(Options);
        TalentPool = new TalentPoolIndex(Options);
        Engine = new MatchingEngine(JobBank, TalentPool);
    }

    public string Root { get; }
    public SearchOptions Options { get; }
    public JobBankIndex JobBank { get; private set; }
    public TalentPoolIndex TalentPool { get; private set; }
    public MatchingEngine Engine { get; private set; }

    public TestIndexes With(IEnumerable<PositionProfile> positions, IEnumerable<SeekerProfile> seekers)
    {
        JobBank.Rebuild(positions.ToList(), 1);
        TalentPool.Rebuild(seekers.ToList(), 1);
        return this;
    }

    public void Reopen()
    {
        JobBank.Dispose();
        TalentPool.Dispose();
        JobBank = new JobBankIndex(Options);
        TalentPool = new TalentPoolIndex(Options);
        Engine = new MatchingEngine(JobBank, TalentPool);
    }

    public void Dispose()
    {
        JobBank.Dispose();
        TalentPool.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Readable test data: A.Seeker("S-1").WithSkill("clean.basic", 2).At(Home).</summary>
public static class A
{
    public static readonly GeoPoint Home = new(30.66, 104.07);
    public static readonly RegionLines Lines = new(1000, 1500);
    public static readonly DateOnly Today = new(2026, 11, 24);

    public static MatchRequest Request(int top = 10, string? query = null) => new() { Top = top, AsOf = Today, Lines = Lines, Query = query };

    /// <summary>A point <paramref name="km"/> north of home.</summary>
    public static GeoPoint North(double km) => new(Home.Lat + km / 111.195, Home.Lon);

    public static SeekerProfile Seeker(string id = "S-1") => new()
    {
        Id = id,
        HouseholdId = "H-" + id,
        Age = 40,
        Education = Education.Junior,
        Location = Home,
        Household = new HouseholdFacts(HouseholdCategory.Dibao, 3, 1500, false),
    };

    public static PositionProfile Position(string id = "P-1", double km = 1) => new()
    {
        Id = id,
        Title = "岗位" + id,
        EmployerId = "E-1",
        MonthlyWage = 2500,
        Location = North(km),
    };

    public static SeekerProfile WithSkill(this SeekerProfile s, string code, int level) =>
        s with { Skills = [.. s.Skills, new SkillLevel(code, level)] };

    public static PositionProfile Requiring(this PositionProfile p, params string[] codes) => p with { RequiredSkills = [.. p.RequiredSkills, .. codes] };

    public static PositionProfile Preferring(this PositionProfile p, params string[] codes) => p with { PreferredSkills = [.. p.PreferredSkills, .. codes] };

    public static PositionProfile Offering(this PositionProfile p, params string[] codes) => p with { Accommodations = [.. p.Accommodations, .. codes] };

    public static PositionProfile Demanding(this PositionProfile p, params string[] codes) => p with { Demands = [.. p.Demands, .. codes] };

    public static PositionProfile RemoteWork(this PositionProfile p) => p with { Remote = true, Location = null };

    public static SeekerProfile InWheelchair(this SeekerProfile s) => s with
    {
        DisabilityType = DisabilityType.Physical,
        DisabilityGrade = 2,
        Limits = ["lifting_heavy", "standing_long", "walking_long", "climbing"],
        Needs = ["step_free_access"],
    };
}
