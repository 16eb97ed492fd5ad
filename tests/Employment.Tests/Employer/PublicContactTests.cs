using System.Net;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Positions;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Employers;

/// <summary>
/// An employer's public contact reaches the kiosk's signed-out position page only with the
/// employer's consent ("同意在自助终端公开"); its own registered phone never does.
/// </summary>
[BothStores]
public sealed class PublicContactTests(PublicContactTests.Host host) : IClassFixture<PublicContactTests.Host>
{
    public sealed class Host : AppFactory;

    private const string PrivatePhone = "028-8777 0001";

    /// <summary>An employer of the demo district with a position on the kiosk, its own phone set to one the test can look for.</summary>
    private async Task<(string EmployerId, string PositionId)> EmployerOnTheKioskAsync(int which)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var today = scope.ServiceProvider.GetRequiredService<TimeProvider>().Today();
        var ids = await db.Positions.AsNoTracking().ListedOn(today).Select(p => p.EmployerId).Distinct().OrderBy(e => e).ToListAsync();
        var employerId = ids[which];
        var employer = await db.Employers.SingleAsync(e => e.Id == employerId);
        employer.ContactPhone = PrivatePhone;
        await db.SaveChangesAsync();
        var position = await db.Positions.AsNoTracking().ListedOn(today).Where(p => p.EmployerId == employerId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        return (employerId, position);
    }

    /// <summary>The anonymous kiosk page, read until it says what is expected (the kiosk's snapshot follows the outbox within 100 ms).</summary>
    private async Task<string> KioskPageAsync(string positionId, Func<string, bool> until)
    {
        var kiosk = host.NewClient();
        var html = "";
        for (var i = 0; i < 50; i++)
        {
            var response = await kiosk.GetAsync($"/kiosk/positions/{Uri.EscapeDataString(positionId)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            html = await response.Content.ReadAsStringAsync();
            if (until(html))
            {
                break;
            }
            await Task.Delay(100);
        }
        return html;
    }

    [Fact]
    public async Task Without_consent_the_kiosk_shows_only_the_service_desk_and_with_it_the_public_contact()
    {
        var (employerId, positionId) = await EmployerOnTheKioskAsync(0);
        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: employerId);

        // Nothing set: the service desk only, never the employer's own phone.
        var before = await KioskPageAsync(positionId, _ => true);
        Assert.Contains("how-to-apply", before);
        Assert.DoesNotContain("employer-contact", before);
        Assert.DoesNotContain(PrivatePhone, before);

        // Typed, but the consent not ticked: refused, nothing stored, nothing shown.
        var unticked = await employer.PostFormAsync("/Employer/Contact", new()
        {
            ["Input.PublicContactName"] = "李主管", ["Input.PublicContactPhone"] = "138 0000 1111", ["Input.PublicContactConsent"] = "false",
        });
        Assert.Equal(HttpStatusCode.OK, unticked.StatusCode);
        Assert.Contains("须勾选", await unticked.Content.ReadAsStringAsync());
        Assert.Null((await host.WithDbAsync(db => db.Employers.AsNoTracking().SingleAsync(e => e.Id == employerId))).PublicContactPhone);
        Assert.DoesNotContain("138 0000 1111", await KioskPageAsync(positionId, _ => true));

        // A phone in no phone's format: refused by the one phone rule.
        var badPhone = await employer.PostFormAsync("/Employer/Contact", new()
        {
            ["Input.PublicContactName"] = "李主管", ["Input.PublicContactPhone"] = "call me", ["Input.PublicContactConsent"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, badPhone.StatusCode);
        Assert.Contains("格式不正确", await badPhone.Content.ReadAsStringAsync());

        // With consent: shown beside the service desk, still without the employer's own phone.
        var agreed = await employer.PostFormAsync("/Employer/Contact", new()
        {
            ["Input.PublicContactName"] = "李主管", ["Input.PublicContactPhone"] = "138 0000 1111", ["Input.PublicContactConsent"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, agreed.StatusCode);
        var shown = await KioskPageAsync(positionId, h => h.Contains("138 0000 1111", StringComparison.Ordinal));
        Assert.Contains("employer-contact", shown);
        Assert.Contains("李主管", shown);
        Assert.Contains("138 0000 1111", shown);
        Assert.Contains("how-to-apply", shown);
        Assert.DoesNotContain(PrivatePhone, shown);

        // Consent withdrawn: gone from the kiosk at once.
        var withdrawn = await employer.PostFormAsync("/Employer/Contact", new() { ["Input.PublicContactConsent"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var after = await KioskPageAsync(positionId, h => !h.Contains("138 0000 1111", StringComparison.Ordinal));
        Assert.DoesNotContain("employer-contact", after);
        Assert.DoesNotContain("138 0000 1111", after);
    }

    [Fact]
    public async Task Registration_takes_the_public_contact_only_with_consent()
    {
        var client = host.NewClient();
        Dictionary<string, string> Form(string login, bool consent) => new()
        {
            ["Input.Name"] = "成都公开联系人测试有限公司" + login, ["Input.CreditCode"] = CreditCodeTests.NewValidCode(), ["Input.ContactName"] = "王经理",
            ["Input.ContactPhone"] = "028-8666 1234", ["Input.Address"] = "锦江区东大街1号", ["Input.Login"] = login,
            ["Input.Password"] = "a long enough phrase", ["Input.ConfirmPassword"] = "a long enough phrase",
            ["Input.PublicContactName"] = "赵老师", ["Input.PublicContactPhone"] = "028-8666 5678", ["Input.PublicContactConsent"] = consent ? "true" : "false",
        };

        var unticked = await client.PostFormAsync("/Employer/Register", Form("pc-" + Guid.NewGuid().ToString("N")[..6], consent: false));
        var login = "pc-" + Guid.NewGuid().ToString("N")[..6];
        var ticked = await client.PostFormAsync("/Employer/Register", Form(login, consent: true));

        Assert.Equal(HttpStatusCode.OK, unticked.StatusCode);
        Assert.Contains("须勾选", await unticked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, ticked.StatusCode);
        var employer = await host.WithDbAsync(db => db.Employers.AsNoTracking().SingleAsync(e => e.Name == "成都公开联系人测试有限公司" + login));
        Assert.Equal("赵老师", employer.PublicContactName);
        Assert.Equal("028-8666 5678", employer.PublicContactPhone);
        Assert.NotNull(employer.PublicContactConsentUtc);
    }
}
