using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Employment.Core.Accounts;
using Employment.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Web.Infrastructure;

public static class Accounts
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);

    /// <summary>
    /// Staff accounts (admin, counselor, employer) with ASP.NET Core Identity on the same database:
    /// cookie sign-in, lockout, sessions that end after 30 minutes idle and 12 hours in all, and a
    /// security stamp checked on every request so a disabled account is out at once.
    /// </summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddIdentity<AppUser, IdentityRole>(AccountPolicy.Apply)
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();
        builder.Services.AddScoped<UserAccounts>();
        builder.Services.AddOptions<SignInGuardOptions>().BindConfiguration("SignIn").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SignInGuard>();
        builder.Services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            // The stamp check rebuilds the principal; the start of the session must survive it.
            o.OnRefreshingPrincipal = ctx =>
            {
                if (ctx.CurrentPrincipal?.FindFirst(AccessClaims.SessionStart) is { } start && ctx.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaim(new Claim(AccessClaims.SessionStart, start.Value));
                }
                return Task.CompletedTask;
            };
        });
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Denied";
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.Cookie.Name = "employment.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = async ctx =>
                {
                    var start = ctx.Principal?.FindFirstValue(AccessClaims.SessionStart);
                    var clock = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                    if (start is null || !long.TryParse(start, CultureInfo.InvariantCulture, out var ticks)
                        || clock.GetUtcNow().UtcDateTime - new DateTime(ticks, DateTimeKind.Utc) > AbsoluteTimeout)
                    {
                        ctx.RejectPrincipal();
                        await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                        return;
                    }
                    await SecurityStampValidator.ValidatePrincipalAsync(ctx);
                },
                // The JSON API answers 401/403 instead of redirecting to a sign-in page.
                OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden),
            };
        });
        return builder;
    }

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            ctx.Response.StatusCode = status;
        }
        else
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// In Development only, in the start that loaded the demo district: one account per role with a
    /// random password, printed once. Demo accounts belong to the demo district: a database of one's
    /// own data gets none (an operator runs `employment user add`, and `user reset-password` when a
    /// password is lost). All four are created in one transaction, so a start never stops half-way
    /// with an account whose password nobody saw. There is no built-in default password anywhere.
    /// </summary>
    public static async Task SeedDemoAccountsAsync(this WebApplication app, bool demoLoaded)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Users.AnyAsync())
        {
            return;
        }
        if (!demoLoaded)
        {
            app.Logger.LogWarning("No staff accounts yet. Create the first with: employment user add --role admin --login admin --DataDir {DataDir} (the password is read from standard input)",
                scope.ServiceProvider.GetRequiredService<IOptions<DataOptions>>().Value.FullDataDir);
            return;
        }
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        // The two streets with the most households, one counselor each; the employer with the most positions.
        var streets = await db.Households.Where(h => h.DivisionCode != null)
            .GroupBy(h => h.DivisionCode!.Substring(0, 9)).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(2).ToListAsync();
        var employer = await db.Positions.GroupBy(p => p.EmployerId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync();
        var demo = new List<NewAccount> { new("admin", Roles.Admin, NewPassword(), "管理员") };
        demo.AddRange(streets.Select((street, i) => new NewAccount(i == 0 ? "counselor" : "counselor2", Roles.Counselor, NewPassword(),
            i == 0 ? "就业指导员" : "就业指导员二", [street])));
        if (employer is not null)
        {
            demo.Add(new("employer", Roles.Employer, NewPassword(), "用人单位", EmployerId: employer));
        }
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            foreach (var account in demo)
            {
                await accounts.CreateAsync(account);
            }
            await tx.CommitAsync();
        }
        app.Logger.LogWarning("Demo accounts (shown once; change or disable them): {Accounts}",
            string.Join(", ", demo.Select(a => $"{a.Login} / {a.Password}")));
    }

    public static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string(Enumerable.Range(0, 16).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
    }
}

/// <summary>Adds the area and employer claims, and the display name, to a signed-in account.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var area in user.Areas)
        {
            identity.AddClaim(new Claim(AccessClaims.Area, area));
        }
        if (user.EmployerId is { } employer)
        {
            identity.AddClaim(new Claim(AccessClaims.Employer, employer));
        }
        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim("display_name", user.DisplayName));
        }
        return identity;
    }
}
