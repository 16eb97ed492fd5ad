using Employment.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Core.Accounts;

/// <summary>
/// The one place the account rules are written, so the web host and the CLI create the same kind
/// of account: long passwords rather than composition rules (ASVS 2.1), lockout after repeated failures.
/// </summary>
public static class AccountPolicy
{
    public const int MinPasswordLength = 12;
    public const int MinLoginLength = 2;
    public const int MaxLoginLength = 64;

    /// <summary>The one login rule (the admin page, self-registration and the CLI all ask here): 2–64 of letters, digits and <c>-._@</c>.</summary>
    public static bool IsValidLogin(string? login) =>
        login is { Length: >= MinLoginLength and <= MaxLoginLength } && login.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-');

    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    public static void Apply(IdentityOptions o)
    {
        o.Password.RequiredLength = MinPasswordLength;
        o.Password.RequiredUniqueChars = 4;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
        o.Lockout.DefaultLockoutTimeSpan = LockoutTime;
        o.User.RequireUniqueEmail = false;
        o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
        o.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>Identity without the web's sign-in machinery: the CLI's accounts.</summary>
    public static IServiceCollection AddEmploymentAccountsCore(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        services.AddScoped<UserAccounts>();
        return services;
    }
}
