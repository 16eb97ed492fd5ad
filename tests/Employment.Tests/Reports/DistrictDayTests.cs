using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Reports;
using Microsoft.Extensions.Options;

namespace Employment.Tests.Reports;

/// <summary>
/// The figures count a stored instant on the district's calendar day: a household registered at
/// 01:30 Beijing time on 1 October joined in the fourth quarter, though it was still 30 September in UTC.
/// </summary>
public sealed class DistrictDayTests
{
    [Fact]
    public async Task A_household_registered_after_midnight_beijing_time_counts_in_the_quarter_of_its_local_day()
    {
        await using var district = await HandMadeDistrict.CreateAsync(withData: false);
        var justAfterMidnight = new DateTime(2026, 9, 30, 17, 30, 0, DateTimeKind.Utc); // 2026-10-01 01:30 +08:00
        var beforeIt = new DateTime(2026, 9, 30, 15, 30, 0, DateTimeKind.Utc);          // 2026-09-30 23:30 +08:00
        await district.WithDbAsync(async db =>
        {
            db.Households.Add(HandMadeDistrict.AHousehold("H-NIGHT", HouseholdCategory.Dibao, HandMadeDistrict.Jinguanyi, 1, 500, justAfterMidnight));
            db.Persons.Add(HandMadeDistrict.APerson("P-NIGHT", "H-NIGHT", justAfterMidnight));
            db.Households.Add(HandMadeDistrict.AHousehold("H-EVENING", HouseholdCategory.Dibao, HandMadeDistrict.Jinguanyi, 1, 500, beforeIt));
            db.Persons.Add(HandMadeDistrict.APerson("P-EVENING", "H-EVENING", beforeIt));
            return await db.SaveChangesAsync();
        });
        var beijing = new DistrictTimeProvider(district.Clock, DistrictTimeProvider.FindZone("Asia/Shanghai"));

        var q3 = await district.WithDbAsync(db => new OutcomeReports(db, beijing, Options.Create(new OutcomeOptions())).ForQuarterAsync(Quarter.Parse("2026Q3")));
        var q4 = await district.WithDbAsync(db => new OutcomeReports(db, beijing, Options.Create(new OutcomeOptions())).ForQuarterAsync(Quarter.Parse("2026Q4")));

        Assert.Equal(1, q3.District.HouseholdsInQuarter);
        Assert.Equal(2, q4.District.HouseholdsInQuarter);
    }
}
