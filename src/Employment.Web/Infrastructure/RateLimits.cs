using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Employment.Web.Infrastructure;

public sealed class RateLimitOptions
{
    /// <summary>Requests a minute from one client address, for every endpoint together.</summary>
    public int PerMinute { get; set; } = 1200;
    /// <summary>Sign-in posts a minute from one client address (lockout guards each account; this guards the list of them).</summary>
    public int SignInPerMinute { get; set; } = 20;
}

/// <summary>Rate limits answer 429. Policies are named here; endpoints opt in with [EnableRateLimiting].</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
            o.AddPolicy(SignIn, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.SignInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("get"));
        });
        return builder;
    }

    /// <summary>
    /// The client a limit counts: a kiosk device by its key, else the address (the trusted proxies'
    /// X-Forwarded-For, see <see cref="ClientIdentity"/>).
    /// </summary>
    public static string ClientKey(HttpContext context) =>
        ClientIdentity.Device(context) is { } device ? "device:" + device.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : context.Connection.RemoteIpAddress?.ToString() ?? "local";
}
