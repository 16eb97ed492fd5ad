using Employment.Tests.Infrastructure;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Tests.Reports;

/// <summary>What the public screen withholds, and the demo history that gives it something to show.</summary>
[BothStores]
public sealed class SmallCountTests
{
    [Fact]
    public void Counts_from_one_to_four_are_withheld_and_zero_is_shown()
    {
        // The lone withheld 4 takes the 5 with it (see below); the zero stays.
        Assert.Equal(new int?[] { 0, null, null, 12 }, SmallCounts.Suppress([0, 4, 5, 12], 5));
        Assert.True(SmallCounts.IsSmall(1, 5));
        Assert.False(SmallCounts.IsSmall(0, 5));
        Assert.False(SmallCounts.IsSmall(5, 5));
    }

    [Fact]
    public void A_single_withheld_cell_takes_the_next_smallest_with_it_so_the_total_gives_nothing_away()
    {
        // With the total (24) shown, a lone withheld 3 would be 24 - 5 - 16.
        Assert.Equal(new int?[] { null, null, 16, 0 }, SmallCounts.Suppress([3, 5, 16, 0], 5));
        // Two withheld already: nothing more to hide.
        Assert.Equal(new int?[] { null, null, 16 }, SmallCounts.Suppress([3, 2, 16], 5));
        // None withheld: all shown.
        Assert.Equal(new int?[] { 7, 5, 16 }, SmallCounts.Suppress([7, 5, 16], 5));
    }

    [Theory]
    [InlineData(0.2, 2, 10, null)]     // two of ten: the numerator is small
    [InlineData(0.5, 5, 10, 0.5)]
    [InlineData(1.0, 3, 3, null)]      // a small base
    public void A_rate_is_withheld_when_what_it_divides_is_small(double rate, int numerator, int denominator, double? shown)
    {
        Assert.Equal(shown, SmallCounts.Rate(rate, numerator, denominator, 5));
    }

    [Fact]
    public async Task The_demo_history_goes_through_the_workflow_and_the_figures_add_up()
    {
        await using var district = await HandMadeDistrict.CreateAsync(withData: false);
        await district.WithDbAsync(async db =>
        {
            for (var i = 0; i < 30; i++)
            {
                var id = $"D{i:00}";
                db.Households.Add(HandMadeDistrict.AHousehold(id, Core.Domain.HouseholdCategory.Dibao, i % 2 == 0 ? HandMadeDistrict.Jinguanyi : HandMadeDistrict.Donghu,
                    1 + i % 3, 600, HandMadeDistrict.Utc(2026, 11, 1)));
                db.Persons.Add(HandMadeDistrict.APerson("S" + id, id, HandMadeDistrict.Utc(2026, 11, 1)));
            }
            await db.SaveChangesAsync();
            return 0;
        });

        var placed = await district.WithDbAsync(db => new DemoHistory(db, district.Clock, Options.Create(new OutcomeOptions())).SeedAsync());
        var again = await district.WithDbAsync(db => new DemoHistory(db, district.Clock, Options.Create(new OutcomeOptions())).SeedAsync());

        Assert.True(placed > 0);
        Assert.Equal(0, again);
        var (placements, registered) = await district.WithDbAsync(async db =>
            (await db.Placements.CountAsync(), await db.Households.MinAsync(h => h.RegisteredUtc)));
        Assert.Equal(placed, placements);
        Assert.True(registered < new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc));
        var reports = new List<OutcomeReport>();
        foreach (var q in Quarter.Parse("2026Q4").LastQuarters(4))
        {
            reports.Add(await district.ReportAsync(q));
        }
        Assert.Equal(placed, reports.Sum(r => r.District.Placements));
        Assert.All(reports, r => Assert.Equal(r.District.Placements, r.District.PlacementsByChannel.Fair + r.District.PlacementsByChannel.Referral + r.District.PlacementsByChannel.Kiosk));
        var exits = await district.WithDbAsync(db => db.HouseholdExits.CountAsync(e => e.RevokedOn == null));
        Assert.Equal(exits, await district.WithDbAsync(db => db.Households.CountAsync(h => h.ExitStatus == ExitStatus.Exited)));
    }
}
