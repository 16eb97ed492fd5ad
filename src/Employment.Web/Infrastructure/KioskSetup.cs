using System.Threading.RateLimiting;
using Employment.Core.Kiosk;
using Employment.Kiosk;
using Employment.Kiosk.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Employment.Web.Infrastructure;

/// <summary>
/// The touchscreen kiosk (kiosk/Employment.Kiosk, under /kiosk): its read model, its own cookie
/// scheme beside the staff one, rate limits for its anonymous pages, the QR code, and in
/// Development a few demo person cards.
/// </summary>
public static class KioskSetup
{
    public static IHostApplicationBuilder AddKiosk(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddKioskCore();
        services.AddOptions<KioskOptions>().BindConfiguration("Kiosk")
            .ValidateDataAnnotations()
            .Validate(o => o.WarningSeconds < o.IdleSeconds, "Kiosk:WarningSeconds must be less than Kiosk:IdleSeconds")
            .ValidateOnStart();

        // Its own scheme, added to whatever the staff side registers: neither is the other's default.
        services.AddAuthentication().AddCookie(KioskSession.Scheme, o =>
        {
            o.Cookie.Name = KioskSession.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/kiosk";
            o.Cookie.IsEssential = true;
            o.SlidingExpiration = true;
            o.LoginPath = "/kiosk/signin";
        });
        // One node: in memory. Several nodes on PostgreSQL: in the database, so a kiosk signed in
        // through one node is signed in on every node, and "Finish" ends it on all.
        services.AddDistributedMemoryCache();
        services.AddSingleton<Microsoft.Extensions.Caching.Distributed.IDistributedCache>(sp =>
            sp.GetRequiredService<IOptions<Employment.Core.Data.DataOptions>>().Value.Database.IsPostgres
                ? ActivatorUtilities.CreateInstance<Employment.Core.Data.DatabaseCache>(sp)
                : ActivatorUtilities.CreateInstance<Microsoft.Extensions.Caching.Distributed.MemoryDistributedCache>(sp));
        services.AddSingleton<KioskSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(KioskSession.Scheme)
            .Configure<IOptions<KioskOptions>, KioskSessionStore>((cookie, kiosk, store) =>
            {
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(kiosk.Value.SessionMinutes);
                // Server-side sessions: the end of a session is the end of its cookie too.
                cookie.SessionStore = store;
            });

        services.AddSingleton<KioskRateLimiter>();

        if (builder.Environment.IsDevelopment())
        {
            services.AddHostedService<KioskDemoCards>();
        }
        return builder;
    }

    public static WebApplication MapKiosk(this WebApplication app)
    {
        // Every kiosk request (pages and endpoints; static files are served before this) passes
        // the kiosk's own limiter first: anonymous screens are open to anyone on the network.
        var limiter = app.Services.GetRequiredService<KioskRateLimiter>();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/kiosk", StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (context, next) =>
        {
            using var lease = await limiter.AcquireAsync(context);
            if (!lease.IsAcquired)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "60";
                return;
            }
            await next(context);
        }));

        // Screens' plumbing, not part of the JSON API: kept out of the OpenAPI document.
        var kiosk = app.MapGroup("/kiosk").ExcludeFromDescription();

        kiosk.MapGet("/positions/{id}/qr.svg", async (string id, KioskCatalog catalog, IOptions<KioskOptions> options,
            IStringLocalizer<KioskResource> text, CancellationToken ct) =>
        {
            var position = await catalog.FindAsync(id, ct);
            if (position is null)
            {
                return Results.NotFound();
            }
            var svg = KioskQr.Svg(KioskQr.Text(position, options.Value.PublicBaseUrl, key => text[key]));
            return Results.Text(svg, "image/svg+xml; charset=utf-8");
        });

        // Large type and high contrast: a cookie read by the server, so the switch works without scripts.
        kiosk.MapGet("/display", (HttpContext context, string? toggle, string? returnUrl) =>
        {
            var current = (context.Request.Cookies[KioskSession.DisplayCookie] ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            if (toggle is "large" or "contrast" && !current.Remove(toggle))
            {
                current.Add(toggle);
            }
            var value = string.Join(',', current.Order(StringComparer.Ordinal));
            if (value.Length == 0)
            {
                context.Response.Cookies.Delete(KioskSession.DisplayCookie, new CookieOptions { Path = "/kiosk" });
            }
            else
            {
                context.Response.Cookies.Append(KioskSession.DisplayCookie, value, new CookieOptions
                {
                    Path = "/kiosk", HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true,
                });
            }
            return Results.LocalRedirect(LocalOrHome(returnUrl));
        });

        kiosk.MapGet("/language", (HttpContext context, string? culture, string? returnUrl) =>
        {
            var chosen = culture == "en" ? "en" : "zh-CN";
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(LocalOrHome(returnUrl));
        });
        return app;
    }

    /// <summary>Only kiosk paths: a crafted link must not send the screen anywhere else.</summary>
    private static string LocalOrHome(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith("/kiosk", StringComparison.Ordinal) && !returnUrl.Contains("//", StringComparison.Ordinal)
            && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : "/kiosk";
}

/// <summary>
/// Fixed windows of a minute per client address, with a tighter one for sign-in posts (on top of
/// each card's own lockout), built on ASP.NET Core's System.Threading.RateLimiting.
/// </summary>
internal sealed class KioskRateLimiter(IOptions<KioskOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, (string, bool)>(context =>
    {
        // Guessing a card's PIN and guessing a device key get the same tight window.
        var signIn = HttpMethods.IsPost(context.Request.Method)
            && (context.Request.Path.StartsWithSegments("/kiosk/signin", StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.StartsWithSegments("/kiosk/device", StringComparison.OrdinalIgnoreCase));
        var address = RateLimits.ClientKey(context);
        return RateLimitPartition.GetFixedWindowLimiter((address, signIn), key => new FixedWindowRateLimiterOptions
        {
            PermitLimit = key.Item2 ? options.Value.SignInPermitsPerMinute : options.Value.PermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    });

    public ValueTask<RateLimitLease> AcquireAsync(HttpContext context) => _limiter.AcquireAsync(context);

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// Development only, in the start that loaded the demo district: gives a handful of seeking persons a card number and a random PIN, printed
/// once to the log, so the kiosk's sign-in can be tried. Never a built-in PIN; never outside Development.
/// </summary>
internal sealed class KioskDemoCards(IServiceScopeFactory scopes, SeedState seed, ILogger<KioskDemoCards> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Demo cards belong to the demo district, never to the people of one's own data.
        if (!seed.DemoLoaded)
        {
            return;
        }
        using var scope = scopes.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<KioskPins>().AssignDemoCardsAsync(5, cancellationToken);
        foreach (var (personId, card, pin) in issued)
        {
            logger.LogWarning("Kiosk demo card for person {PersonId}: card {Card}, PIN {Pin} (shown once; Development only)", personId, card, pin);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
