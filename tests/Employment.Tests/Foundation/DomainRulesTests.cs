using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Placement;
using Employment.Core.Positions;

namespace Employment.Tests.Foundation;

public sealed class LifecycleTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    private static Position ADraft() => new() { Id = "P-1", Title = "保洁员", EmployerId = "E-1" };

    [Fact]
    public void A_posting_goes_live_only_through_review()
    {
        var position = ADraft();

        Assert.Throws<RefusalException>(() => position.MoveTo(PositionStatus.Open, "employer", null, Now));
        Assert.Equal(PositionStatus.Draft, position.Status);

        position.MoveTo(PositionStatus.InReview, "employer", null, Now);
        position.MoveTo(PositionStatus.Open, "counselor", "ok", Now.AddHours(1));

        Assert.Equal(PositionStatus.Open, position.Status);
        Assert.Equal(Now.AddHours(1), position.PublishedUtc);
        Assert.Equal([PositionStatus.Draft, PositionStatus.InReview], position.History.Select(h => h.From));
        Assert.Equal("counselor", position.History[^1].ByUser);
    }

    [Fact]
    public void A_rejected_posting_cannot_be_opened_without_another_review()
    {
        var position = ADraft();
        position.MoveTo(PositionStatus.InReview, "employer", null, Now);
        position.MoveTo(PositionStatus.Rejected, "counselor", "discriminatory wording", Now);

        var refused = Assert.Throws<RefusalException>(() => position.MoveTo(PositionStatus.Open, "counselor", null, Now));
        Assert.Equal(RefusalCodes.TransitionNotAllowed, refused.Code);
        Assert.Equal(["Rejected", "Open"], refused.Arguments);
    }

    [Theory]
    [InlineData(ReferralStatus.Proposed, ReferralStatus.Hired, false)]
    [InlineData(ReferralStatus.Sent, ReferralStatus.Interview, true)]
    [InlineData(ReferralStatus.Interview, ReferralStatus.Hired, true)]
    [InlineData(ReferralStatus.Hired, ReferralStatus.Withdrawn, false)]
    [InlineData(ReferralStatus.Rejected, ReferralStatus.Sent, false)]
    public void Referral_transitions(ReferralStatus from, ReferralStatus to, bool allowed)
    {
        var referral = new Referral { PersonId = "S-1", PositionId = "P-1", Status = from };
        if (allowed)
        {
            referral.MoveTo(to, Now);
            Assert.Equal(to, referral.Status);
        }
        else
        {
            Assert.Throws<RefusalException>(() => referral.MoveTo(to, Now));
            Assert.Equal(from, referral.Status);
        }
    }

    [Fact]
    public void A_person_is_placed_only_from_seeking_or_a_referral()
    {
        var person = new Person { Id = "S-1", HouseholdId = "H-1", Name = "张某", Status = PersonStatus.Inactive };
        Assert.Throws<RefusalException>(() => person.MoveTo(PersonStatus.Placed, Now));

        person.MoveTo(PersonStatus.Seeking, Now);
        person.MoveTo(PersonStatus.Referred, Now);
        person.MoveTo(PersonStatus.Placed, Now);
        person.MoveTo(PersonStatus.Seeking, Now);

        Assert.Equal(PersonStatus.Seeking, person.Status);
    }
}

public sealed class HouseholdStandingTests
{
    [Theory]
    [InlineData(1200, 3, 400)]
    [InlineData(1000, 1, 1000)]
    [InlineData(1000, 3, 333.33)]
    [InlineData(0, 2, 0)]
    public void Income_per_head(decimal income, int size, decimal expected) =>
        Assert.Equal(expected, HouseholdStanding.IncomePerHead(income, size));

    [Theory]
    [InlineData(499.99, IncomeBand.BelowDibaoLine)]
    [InlineData(500, IncomeBand.BelowEdgeLine)]
    [InlineData(749.99, IncomeBand.BelowEdgeLine)]
    [InlineData(750, IncomeBand.AboveEdgeLine)]
    public void An_income_exactly_on_a_line_is_no_longer_below_it(decimal perHead, IncomeBand expected) =>
        Assert.Equal(expected, HouseholdStanding.Band(perHead, 500, 750));

    [Fact]
    public void A_wage_that_lifts_a_household_of_one_over_both_lines()
    {
        var household = new Household { Id = "H-1", Size = 1, MonthlyIncome = 0 };
        Assert.Equal(IncomeBand.AboveEdgeLine,
            HouseholdStanding.Band(HouseholdStanding.IncomePerHeadWith(household, 2100), 500, 750));
    }

    [Fact]
    public void A_wages_effect_is_read_against_the_district_lines_and_lands_exactly_on_the_edge_line()
    {
        // 900 for two is 450 a head, under the 500 dibao line; a wage of 600 makes 750 a head: exactly
        // on the edge line, which is no longer below it (the engine's rule too).
        var household = new Household { Id = "H-2", Size = 2, MonthlyIncome = 900 };
        var effect = HouseholdStanding.EffectOfWage(household, 600, new Region { Name = "锦江区", DibaoLine = 500, EdgeLine = 750 });
        Assert.Equal(new WageEffect(450, IncomeBand.BelowDibaoLine, 750, IncomeBand.AboveEdgeLine), effect);
        Assert.Equal(IncomeBand.BelowEdgeLine, HouseholdStanding.EffectOfWage(household, 599.98m, new Region { Name = "锦江区", DibaoLine = 500, EdgeLine = 750 }).BandWith);
    }

    [Fact]
    public void Zero_employment_needs_someone_able_to_work_and_nobody_able_employed()
    {
        (LaborCapacity, bool)[] nobodyWorks = [(LaborCapacity.Full, false), (LaborCapacity.None, false)];
        (LaborCapacity, bool)[] oneWorks = [(LaborCapacity.Full, false), (LaborCapacity.Partial, true)];
        (LaborCapacity, bool)[] nobodyCan = [(LaborCapacity.None, false)];

        Assert.True(HouseholdStanding.IsZeroEmployment(nobodyWorks));
        Assert.False(HouseholdStanding.IsZeroEmployment(oneWorks));
        Assert.False(HouseholdStanding.IsZeroEmployment(nobodyCan));
    }
}
