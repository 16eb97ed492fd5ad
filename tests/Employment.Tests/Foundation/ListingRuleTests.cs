using Employment.Tests.Infrastructure;
using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Kiosk;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Employment.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Tests.Foundation;

/// <summary>
/// "An open position" has one meaning everywhere (issue 11): a position of an employer nobody has
/// approved yet is not listed, so the referral desk refuses it and the fair does not plan it, and
/// every count of open positions agrees.
/// </summary>
[BothStores]
public sealed class ListingRuleTests : IAsyncLifetime
{
    private HandMadeDistrict _district = null!;

    public async Task InitializeAsync()
    {
        _district = await HandMadeDistrict.CreateAsync(withData: false);
        await _district.WithDbAsync(async db =>
        {
            db.Employers.Add(new Employer { Id = "E-PENDING", Name = "待审核的公司", Status = EmployerStatus.Pending });
            db.Positions.Add(new Position { Id = "P-PENDING", Title = "仓库理货员", EmployerId = "E-PENDING", MonthlyWage = 3200, Headcount = 3, Status = PositionStatus.Open });
            db.Positions.Add(new Position { Id = "P-EXPIRED", Title = "超市理货", EmployerId = "E-1", MonthlyWage = 3000, Headcount = 3, Status = PositionStatus.Open,
                ValidUntil = HandMadeDistrict.Today.AddDays(-1) });
            var h = HandMadeDistrict.AHousehold("H-L", HouseholdCategory.Dibao, HandMadeDistrict.Jinguanyi, 1, 300, HandMadeDistrict.Utc(2026, 1, 1));
            db.Households.Add(h);
            db.Persons.Add(HandMadeDistrict.APerson("S-L", "H-L", HandMadeDistrict.Utc(2026, 1, 1)));
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _district.DisposeAsync();

    [Theory]
    [InlineData("P-PENDING")]
    [InlineData("P-EXPIRED")]
    public async Task The_referral_desk_refuses_a_position_that_is_not_listed(string position)
    {
        var refused = await Assert.ThrowsAsync<RefusalException>(() => _district.WithDbAsync(db =>
        {
            var audit = new AuditTrail(db, _district.Clock);
            var budget = new PublicWelfareBudget(db, _district.Clock, Options.Create(new PublicWelfareOptions()));
            return new ReferralDesk(db, audit, new PlacementWorkflow(db, audit, _district.Clock, budget), _district.Clock, Options.Create(new ReferralOptions()))
                .ReferAsync(new ReferralInput("S-L", position, Consent: true), "counselor-a");
        }));
        Assert.Equal(RefusalCodes.PositionNotOpen, refused.Code);
    }

    [Fact]
    public async Task The_listing_leaves_out_the_unapproved_employers_and_the_expired_positions()
    {
        var listed = await _district.WithDbAsync(db => db.Positions.ListedOn(HandMadeDistrict.Today).Select(p => p.Id).OrderBy(id => id).ToListAsync());
        Assert.Equal(["P-CLEAN", "P-SHOP"], listed);
    }
}

/// <summary>The home page and the kiosk count the same open positions on the demo district.</summary>
[BothStores]
public sealed class OpenPositionCountTests(Employment.Tests.Infrastructure.AppFactory app) : IClassFixture<Employment.Tests.Infrastructure.AppFactory>
{
    [Fact]
    public async Task The_home_page_and_the_kiosk_say_the_same_number()
    {
        await app.WaitForIndexesAsync();
        var client = app.CreateClient();
        var home = await client.GetStringAsync("/");
        var kiosk = await client.GetStringAsync("/kiosk");
        var homeCount = System.Text.RegularExpressions.Regex.Match(home, @"<strong>(\d+)</strong> 个在招岗位").Groups[1].Value;
        Assert.NotEqual("", homeCount);
        Assert.Contains($"{homeCount} 个岗位", kiosk);
    }
}
