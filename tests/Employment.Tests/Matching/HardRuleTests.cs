using Employment.Core.Domain;
using Employment.Core.Matching;

namespace Employment.Tests.Matching;

/// <summary>A pair that fails exactly one rule is never returned: by the engine or the exhaustive matcher, either way.</summary>
public sealed class HardRuleTests
{
    public static TheoryData<HardRule, string> Cases() => new()
    {
        { HardRule.PositionNotOpen, "closed" },
        { HardRule.PositionNotOpen, "full" },
        { HardRule.PositionNotOpen, "expired" },
        { HardRule.SeekerUnavailable, "employed" },
        { HardRule.SeekerUnavailable, "no capacity" },
        { HardRule.DemandBeyondLimits, "limit" },
        { HardRule.NeedNotOffered, "need" },
        { HardRule.TooFar, "far" },
        { HardRule.AgeOrEducation, "too old" },
        { HardRule.AgeOrEducation, "too young" },
        { HardRule.AgeOrEducation, "education" },
        { HardRule.Hours, "hours" },
    };

    private static (SeekerProfile Seeker, PositionProfile Failing) Case(string name)
    {
        var seeker = A.Seeker().WithSkill("clean.basic", 2);
        var position = A.Position("P-bad").Requiring("clean.basic");
        return name switch
        {
            "closed" => (seeker, position with { IsOpen = false }),
            "full" => (seeker, position with { Headcount = 2, Filled = 2 }),
            "expired" => (seeker, position with { ValidUntil = A.Today.AddDays(-1) }),
            "employed" => (seeker with { Employed = true }, position),
            "no capacity" => (seeker with { LaborCapacity = LaborCapacity.None }, position),
            "limit" => (seeker with { Limits = ["standing_long"] }, position.Demanding("standing_long")),
            "need" => (seeker with { Needs = ["sign_language"] }, position.Offering("step_free_access")),
            "far" => (seeker with { MaxCommuteKm = 5 }, position with { Location = A.North(5.5) }),
            "too old" => (seeker with { Age = 51 }, position with { MaxAge = 50 }),
            "too young" => (seeker with { Age = 17 }, position with { MinAge = 18 }),
            "education" => (seeker with { Education = Education.Primary }, position with { MinEducation = Education.Senior }),
            "hours" => (seeker with { MaxHoursPerWeek = 30 }, position with { HoursPerWeek = 40 }),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_pair_failing_one_rule_is_never_returned(HardRule rule, string name)
    {
        var (seeker, failing) = Case(name);
        Assert.Equal(rule, HardRules.Check(seeker, failing, A.Today));

        // A control seeker and a control position that pass, so an empty result proves nothing by accident.
        var passingSeeker = A.Seeker("S-ok").WithSkill("clean.basic", 2);
        var passingPosition = A.Position("P-ok").Requiring("clean.basic");
        using var indexes = new TestIndexes().With([failing, passingPosition], [seeker, passingSeeker]);
        var exhaustive = new ExhaustiveMatcher([failing, passingPosition], [seeker, passingSeeker]);

        var request = A.Request();
        foreach (var matches in new[] { indexes.Engine.PositionsFor(seeker, request), exhaustive.PositionsFor(seeker, request) })
        {
            Assert.DoesNotContain(matches, m => m.Id == failing.Id);
        }
        foreach (var matches in new[] { indexes.Engine.SeekersFor(failing, request), exhaustive.SeekersFor(failing, request) })
        {
            Assert.DoesNotContain(matches, m => m.Id == seeker.Id);
        }
        Assert.Contains(indexes.Engine.PositionsFor(passingSeeker, request), m => m.Id == passingPosition.Id);
        Assert.Contains(indexes.Engine.SeekersFor(passingPosition, request), m => m.Id == passingSeeker.Id);
    }

    [Fact]
    public void Remote_work_meets_step_free_access_and_ignores_distance()
    {
        var seeker = A.Seeker().InWheelchair() with { MaxCommuteKm = 2 };
        var remote = A.Position("P-remote").RemoteWork();
        Assert.Null(HardRules.Check(seeker, remote, A.Today));
        using var indexes = new TestIndexes().With([remote], [seeker]);
        Assert.Single(indexes.Engine.PositionsFor(seeker, A.Request()));
        Assert.Single(indexes.Engine.SeekersFor(remote, A.Request()));
    }

    [Fact]
    public void Part_time_meets_a_cap_on_hours()
    {
        var seeker = A.Seeker() with { MaxHoursPerWeek = 20 };
        Assert.Null(HardRules.Check(seeker, A.Position().Offering("part_time"), A.Today));
        Assert.Equal(HardRule.Hours, HardRules.Check(seeker, A.Position(), A.Today));
    }
}
