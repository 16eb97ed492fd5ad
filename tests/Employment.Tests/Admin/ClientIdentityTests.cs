using System.Net;
using Employment.Core.Kiosk;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Admin;

/// <summary>
/// Behind a reverse proxy: the client address comes from X-Forwarded-For only when the peer is a
/// configured proxy, and kiosks behind one address are limited one by one by their device keys.
/// </summary>
public sealed class ClientIdentityTests
{
    private const string Proxy = "10.20.30.40";

    /// <summary>The real host whose every connection comes from <see cref="Proxy"/> (the TCP peer a proxy would be).</summary>
    private sealed class BehindProxy(bool trusted) : AppFactory(demo: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Kiosk:PermitsPerMinute", "3");
            if (trusted)
            {
                builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
            }
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerIsProxy>());
        }
    }

    private sealed class PeerIsProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(Proxy);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static async Task<HttpStatusCode> KioskAsync(HttpClient client, string forwardedFor, string? device = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/kiosk");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (device is not null)
        {
            request.Headers.Add("X-Kiosk-Device", device);
        }
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Two_kiosks_behind_one_trusted_proxy_and_one_NAT_address_are_limited_by_their_device_keys()
    {
        using var app = new BehindProxy(trusted: true);
        await app.WaitForIndexesAsync();
        string first, second, revoked;
        using (var scope = app.Services.CreateScope())
        {
            var devices = scope.ServiceProvider.GetRequiredService<KioskDevices>();
            first = (await devices.IssueAsync("东大街社区服务中心", "admin")).Key;
            second = (await devices.IssueAsync("东大街街道办事处", "admin")).Key;
            var (device, key) = await devices.IssueAsync("已停用", "admin");
            revoked = key;
            await devices.RevokeAsync(device.Id, "admin");
            // Only the hash is kept.
            Assert.DoesNotContain(await app.WithDbAsync(db => Task.FromResult(db.KioskDevices.Select(d => d.KeyHash).ToList())), h => h == first);
        }
        var client = app.CreateClient();
        const string nat = "203.0.113.9";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await KioskAsync(client, nat, first));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await KioskAsync(client, nat, first));
        // The second kiosk behind the same address has its own limit.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await KioskAsync(client, nat, second));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await KioskAsync(client, nat, second));
        // Without a key (or with a revoked one) a request counts as its forwarded address: another client there is not throttled.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await KioskAsync(client, "198.51.100.7", revoked));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await KioskAsync(client, "198.51.100.7"));
        Assert.Equal(HttpStatusCode.OK, await KioskAsync(client, "198.51.100.8"));
    }

    [Fact]
    public async Task An_X_Forwarded_For_from_a_peer_that_is_not_a_configured_proxy_is_ignored()
    {
        using var app = new BehindProxy(trusted: false);
        await app.WaitForIndexesAsync();
        var client = app.CreateClient();
        // Every request claims another address; all come from one peer, and the peer is what counts.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await KioskAsync(client, $"192.0.2.{i + 1}"));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await KioskAsync(client, "192.0.2.99"));
    }

    [Fact]
    public async Task An_admin_issues_a_key_shown_once_and_revokes_it()
    {
        using var app = new BehindProxy(trusted: true);
        await app.WaitForIndexesAsync();
        var admin = await app.SignedInAsAsync(Core.Data.Roles.Admin);
        var issued = await admin.PostFormAsync("/Admin/Kiosks?handler=Issue", new() { ["Name"] = "锦官驿街道大厅" }, "/Admin/Kiosks");
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var html = await issued.Content.ReadAsStringAsync();
        var key = System.Text.RegularExpressions.Regex.Match(html, "id=\"issued-key\">([^<]+)<").Groups[1].Value;
        Assert.True(key.Length > 20, "the key is shown once");
        var device = await app.WithDbAsync(db => Task.FromResult(db.KioskDevices.Single(d => d.Name == "锦官驿街道大厅")));
        Assert.Equal(KioskDevices.Hash(key), device.KeyHash);
        Assert.DoesNotContain(key, await (await admin.GetAsync("/Admin/Kiosks")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Kiosks?handler=Revoke&id={device.Id}", [], "/Admin/Kiosks")).StatusCode);
        using var scope = app.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<KioskDevices>().FindAsync(key));
        // Only admins.
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/Admin/Kiosks")).StatusCode);
    }
}
