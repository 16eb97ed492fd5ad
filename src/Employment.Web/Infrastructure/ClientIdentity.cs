using System.Net;
using Employment.Core.Kiosk;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Caching.Memory;

namespace Employment.Web.Infrastructure;

/// <summary>
/// The reverse proxies whose X-Forwarded-For is believed (configuration section <c>ForwardedHeaders</c>).
/// Nothing is trusted by default: without a proxy listed, the client is the connection's peer.
/// </summary>
public sealed class ForwardingOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are peeled off X-Forwarded-For.</summary>
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>
/// Who a request comes from, for rate limits and sign-in logs: the client address taken from the
/// trusted proxies' X-Forwarded-For (ASP.NET Core's ForwardedHeadersMiddleware), and a kiosk's device
/// key (header <c>X-Kiosk-Device</c> or cookie <c>kiosk_device</c>) so kiosks behind one NAT are
/// limited one by one. Limits are per node (in memory): behind a load balancer of N nodes a client
/// gets at most N times the limit.
/// </summary>
public static class ClientIdentity
{
    private const string DeviceItem = "kiosk-device";
    /// <summary>A revoked key stops counting as its device within this long on every node.</summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public static IHostApplicationBuilder AddClientIdentity(this IHostApplicationBuilder builder)
    {
        var forwarding = builder.Configuration.GetSection(ForwardingOptions.Section).Get<ForwardingOptions>() ?? new ForwardingOptions();
        var proxies = new List<IPAddress>();
        foreach (var text in forwarding.KnownProxies)
        {
            proxies.Add(IPAddress.TryParse(text, out var address) ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{text}' is not an IP address"));
        }
        var networks = new List<System.Net.IPNetwork>();
        foreach (var text in forwarding.KnownNetworks)
        {
            networks.Add(System.Net.IPNetwork.TryParse(text, out var network) ? network
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{text}' is not a network in CIDR form"));
        }
        if (forwarding.ForwardLimit < 1)
        {
            throw new InvalidOperationException("ForwardedHeaders:ForwardLimit must be at least 1");
        }
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Empty lists would mean "any peer" to the middleware: with no proxy configured, forwarded headers are not read at all.
            o.ForwardedHeaders = proxies.Count + networks.Count == 0 ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = forwarding.ForwardLimit;
            // The framework trusts loopback by default; here only what the configuration lists.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        builder.Services.AddMemoryCache();
        return builder;
    }

    public static WebApplication UseClientIdentity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(async (context, next) =>
        {
            var key = context.Request.Headers[KioskDevices.Header].FirstOrDefault() ?? context.Request.Cookies[KioskDevices.Cookie];
            if (!string.IsNullOrWhiteSpace(key) && key.Length <= KioskDevices.KeyMax)
            {
                var cache = context.RequestServices.GetRequiredService<IMemoryCache>();
                var hash = KioskDevices.Hash(key);
                if (!cache.TryGetValue(hash, out long? device))
                {
                    device = await context.RequestServices.GetRequiredService<KioskDevices>().FindAsync(key, context.RequestAborted);
                    cache.Set(hash, device, CacheFor);
                }
                if (device is { } id)
                {
                    context.Items[DeviceItem] = id;
                }
            }
            await next(context);
        });
        return app;
    }

    /// <summary>The kiosk device the request identified itself as, if its key is valid.</summary>
    public static long? Device(HttpContext context) => context.Items.TryGetValue(DeviceItem, out var id) ? id as long? : null;
}
