using System.Net;
using Employment.Core.Kiosk;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Admin;

/// <summary>
/// The kiosk's own key page (/kiosk/device): an installer types the key an admin issued once, the
/// browser keeps it in a cookie the host recognises, and from then on the kiosk's requests count
/// against its device's limit, not its address's. Wrong and revoked keys are refused in words, and
/// guessing is throttled like PIN guessing.
/// </summary>
[BothStores]
public sealed class KioskDeviceBindingTests
{
    /// <summary>An empty host with small kiosk limits: four requests a minute, three key or PIN posts.</summary>
    private sealed class Host() : AppFactory(demo: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Kiosk:PermitsPerMinute", "4");
            builder.UseSetting("Kiosk:SignInPermitsPerMinute", "3");
        }
    }

    private static async Task<(string Key, string Revoked)> IssueAsync(Host host)
    {
        using var scope = host.Services.CreateScope();
        var devices = scope.ServiceProvider.GetRequiredService<KioskDevices>();
        var key = (await devices.IssueAsync("东大街社区服务中心一楼", "admin")).Key;
        var (old, revoked) = await devices.IssueAsync("旧终端", "admin");
        await devices.RevokeAsync(old.Id, "admin");
        return (key, revoked);
    }

    [Fact]
    public async Task An_issued_key_binds_the_browser_and_its_requests_then_count_for_the_device()
    {
        using var host = new Host();
        var (key, _) = await IssueAsync(host);
        var kiosk = host.NewClient();
        var neighbour = host.NewClient();

        var bind = await kiosk.PostFormAsync("/kiosk/device", new() { ["key"] = key });

        Assert.Equal(HttpStatusCode.Redirect, bind.StatusCode);
        var cookie = Assert.Single(bind.Headers.GetValues("Set-Cookie"), c => c.StartsWith(KioskDevices.Cookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=", cookie, StringComparison.OrdinalIgnoreCase);
        var confirmed = await kiosk.GetAsync(bind.Headers.Location!);
        var html = await confirmed.Content.ReadAsStringAsync();
        Assert.Contains("绑定成功", html);
        Assert.Contains("data-state=\"bound\"", html);
        Assert.Contains("东大街社区服务中心一楼", html);
        Assert.DoesNotContain(key, html);
        // The confirmation was the device's first request of the minute; three more, then its limit.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await kiosk.GetAsync("/kiosk")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await kiosk.GetAsync("/kiosk")).StatusCode);
        // The address's own count holds only the form's one GET: another browser there is not throttled.
        Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync("/kiosk")).StatusCode);

    }

    [Fact]
    public async Task A_revoked_key_and_a_guessed_one_are_refused_and_guessing_is_throttled()
    {
        using var host = new Host();
        var (_, revoked) = await IssueAsync(host);
        var kiosk = host.NewClient();

        var refusedRevoked = await kiosk.PostFormAsync("/kiosk/device", new() { ["key"] = revoked });
        var revokedHtml = await refusedRevoked.Content.ReadAsStringAsync();
        var guessed = await kiosk.PostFormAsync("/kiosk/device", new() { ["key"] = "guess-" + Guid.NewGuid().ToString("N") });
        var guessedHtml = await guessed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refusedRevoked.StatusCode);
        Assert.Contains("已被管理员停用", revokedHtml);
        Assert.False(refusedRevoked.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith(KioskDevices.Cookie + "=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, guessed.StatusCode);
        Assert.Contains("不是本系统签发", guessedHtml);
        Assert.Contains("data-state=\"none\"", guessedHtml);
        // The third post of the minute is the last the window allows; the fourth is throttled before any lookup.
        var third = await kiosk.PostAsync("/kiosk/device", new FormUrlEncodedContent([new("key", "guess-again")]));
        var fourth = await kiosk.PostAsync("/kiosk/device", new FormUrlEncodedContent([new("key", "guess-again")]));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
    }

    [Fact]
    public async Task In_English_the_refusal_is_english()
    {
        using var host = new Host();
        var kiosk = host.NewClient();
        await kiosk.GetAsync("/kiosk/language?culture=en&returnUrl=%2Fkiosk%2Fdevice");

        var guessed = await kiosk.PostFormAsync("/kiosk/device", new() { ["key"] = "not-a-key" });

        Assert.Contains("not a kiosk key this system issued", await guessed.Content.ReadAsStringAsync());
    }
}
