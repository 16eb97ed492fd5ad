using System.Net;
using Employment.Core.Accounts;
using Employment.Core.Data;
using Employment.Core.Kiosk;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Accounts;

/// <summary>
/// Sessions end on the server, not only in the browser that ended them: a copy of the cookie taken
/// before the end (another tab, a proxy log, a stolen header) opens nothing afterwards.
/// </summary>
[BothStores]
public sealed class SessionRevocationTests(SessionRevocationTests.Host host) : IClassFixture<SessionRevocationTests.Host>
{
    public sealed class Host : AppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SignIn:FreeFailuresPerAddress", "0");
        }
    }

    [Fact]
    public async Task A_copied_staff_cookie_opens_nothing_after_sign_out()
    {
        var (account, household) = await CounselorWithHouseholdAsync();
        var (client, copied) = await SignInKeepingCookieAsync(account);
        var page = $"/Counselor/Household/{household}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(page, copied)).StatusCode);

        var signedOut = await client.PostFormAsync("/Account/Logout", [], page: "/");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var replay = await WithCookieAsync(page, copied);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains("/Account/Login", replay.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copied_staff_cookie_opens_nothing_after_a_password_reset()
    {
        var (account, household) = await CounselorWithHouseholdAsync();
        var (client, copied) = await SignInKeepingCookieAsync(account);
        var page = $"/Counselor/Household/{household}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(page, copied)).StatusCode);

        // The same service the CLI's `user reset-password` calls.
        using (var scope = host.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            await accounts.ResetPasswordAsync((await users.FindByNameAsync(account.Login))!, "new-" + Guid.NewGuid().ToString("N"));
        }

        var replay = await WithCookieAsync(page, copied);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains("/Account/Login", replay.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copied_kiosk_cookie_opens_nothing_after_finish()
    {
        var personId = await host.WithDbAsync(db => db.Persons.AsNoTracking().OrderByDescending(p => p.Id).Select(p => p.Id).Skip(3).FirstAsync());
        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<KioskPins>().SetPinAsync(personId, "67100001", "482913", "test", default);
        }
        var client = host.NewClient();
        var signedIn = await client.PostFormAsync("/kiosk/signin", new() { ["card"] = "67100001", ["pin"] = "482913" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var copied = SetCookie(signedIn, ".Employment.Kiosk");
        var me = await client.GetAsync("/kiosk/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync("/kiosk/me", copied)).StatusCode);

        var token = Staff.AntiforgeryToken(await me.Content.ReadAsStringAsync())!;
        var ended = await client.PostAsync("/kiosk/end", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);

        // The copy, replayed from another client (another address, as far as the host can tell).
        var replay = await WithCookieAsync("/kiosk/me", copied);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Equal("/kiosk/signin", replay.Headers.Location?.OriginalString);
    }

    private async Task<(StaffAccount Account, string Household)> CounselorWithHouseholdAsync()
    {
        var household = await host.WithDbAsync(db => db.Households.AsNoTracking().Where(h => h.DivisionCode != null)
            .OrderBy(h => h.Id).Select(h => new { h.Id, h.DivisionCode }).FirstAsync());
        return (await host.CreateAccountAsync(Roles.Counselor, areas: [household.DivisionCode!]), household.Id);
    }

    /// <summary>Signs in through the page and keeps the cookie the host set, as one would copy it.</summary>
    private async Task<(HttpClient Client, string Cookie)> SignInKeepingCookieAsync(StaffAccount account)
    {
        var client = host.NewClient();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, SetCookie(response, "employment.staff"));
    }

    /// <summary>"name=value" of a cookie the response set.</summary>
    private static string SetCookie(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(name + "=", StringComparison.Ordinal)).Split(';')[0];

    private async Task<HttpResponseMessage> WithCookieAsync(string path, string cookie)
    {
        var fresh = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await fresh.SendAsync(request);
    }
}
