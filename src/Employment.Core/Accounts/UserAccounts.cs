using Employment.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Accounts;

public sealed record NewAccount(string Login, string Role, string Password, string? DisplayName = null,
    IReadOnlyList<string>? Areas = null, string? EmployerId = null);

/// <summary>An account request refused, with every reason (field and message).</summary>
public sealed class AccountException(IReadOnlyList<(string Field, string Message)> errors)
    : InvalidOperationException(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<(string Field, string Message)> Errors { get; } = errors;
}

/// <summary>Creating, disabling and enabling accounts: the admin pages and `employment user` share it.</summary>
public sealed class UserAccounts(UserManager<AppUser> users, RoleManager<IdentityRole> roles, AppDbContext db, TimeProvider clock)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>
    /// The codes that name no area: an area is a division the store knows (a street, a community, a
    /// district) or a district of the store (its region's code, for a district whose divisions are not loaded).
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnknownAreasAsync(AppDbContext db, IReadOnlyCollection<string> areas, CancellationToken ct = default)
    {
        if (areas.Count == 0)
        {
            return [];
        }
        var known = await db.Divisions.Where(d => areas.Contains(d.Code)).Select(d => d.Code).ToListAsync(ct);
        known.AddRange(await db.Regions.Where(r => r.DivisionCode != null && areas.Contains(r.DivisionCode)).Select(r => r.DivisionCode!).ToListAsync(ct));
        return areas.Except(known, StringComparer.Ordinal).ToList();
    }

    public async Task<AppUser> CreateAsync(NewAccount account, CancellationToken ct = default)
    {
        var errors = new List<(string, string)>();
        if (!Roles.All.Contains(account.Role))
        {
            errors.Add(("role", $"must be one of {string.Join(", ", Roles.All)}"));
        }
        var areas = (account.Areas ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToList();
        if (account.Role == Roles.Counselor && areas.Count == 0)
        {
            errors.Add(("areas", "a counselor needs at least one street or community"));
        }
        // A counselor's areas, or the areas whose records a city officer is granted (none by default).
        if (account.Role is Roles.Counselor or Roles.City)
        {
            errors.AddRange((await UnknownAreasAsync(db, areas, ct)).Select(a => ("areas", $"unknown division code {a}")));
        }
        if (account.Role == Roles.Employer)
        {
            if (string.IsNullOrWhiteSpace(account.EmployerId) || !await db.Employers.AnyAsync(e => e.Id == account.EmployerId, ct))
            {
                errors.Add(("employerId", $"unknown employer {account.EmployerId}"));
            }
        }
        if (!AccountPolicy.IsValidLogin(account.Login))
        {
            errors.Add(("login", $"must be {AccountPolicy.MinLoginLength}–{AccountPolicy.MaxLoginLength} letters, digits or -._@"));
        }
        else if (await users.FindByNameAsync(account.Login) is not null)
        {
            errors.Add(("login", $"{account.Login} is taken"));
        }
        // Every problem at once, the password's included, before anything is written.
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new AppUser { UserName = account.Login }, account.Password);
            errors.AddRange(result.Errors.Select(e => ("password", e.Description)));
        }
        if (errors.Count > 0)
        {
            throw new AccountException(errors);
        }

        await EnsureRolesAsync();
        var user = new AppUser
        {
            UserName = account.Login,
            DisplayName = account.DisplayName ?? account.Login,
            Areas = account.Role is Roles.Counselor or Roles.City ? areas : [],
            EmployerId = account.Role == Roles.Employer ? account.EmployerId : null,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, account.Password);
        if (!created.Succeeded)
        {
            throw new AccountException(created.Errors.Select(e => (e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "login", e.Description)).ToList());
        }
        await users.AddToRoleAsync(user, account.Role);
        return user;
    }

    /// <summary>
    /// An operator's recovery of a lost password: the new one replaces it, the account is unlocked
    /// (a disabled account stays disabled) and every open session ends with the new security stamp.
    /// </summary>
    public async Task ResetPasswordAsync(AppUser user, string password)
    {
        var errors = new List<(string, string)>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => ("password", e.Description)));
        }
        if (errors.Count > 0)
        {
            throw new AccountException(errors);
        }
        // One update of the row: the new hash, the failures forgotten, the lock lifted, a new stamp.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.AccessFailedCount = 0;
        if (!user.Disabled)
        {
            user.LockoutEnd = null;
        }
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>
    /// A disabled account cannot sign in, and its open sessions end at once: the new security stamp
    /// fails the check every request makes.
    /// </summary>
    public async Task SetDisabledAsync(AppUser user, bool disabled)
    {
        user.Disabled = disabled;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>
    /// The login and password checks of <see cref="CreateAsync"/> alone, as (field, code) pairs:
    /// a self-registration form shows them beside its other fields before anything is written.
    /// </summary>
    public async Task<IReadOnlyList<(string Field, string Code)>> CheckCredentialsAsync(string login, string password)
    {
        var errors = new List<(string, string)>();
        var allowed = users.Options.User.AllowedUserNameCharacters;
        if (!AccountPolicy.IsValidLogin(login) || login.Any(c => !allowed.Contains(c)))
        {
            errors.Add(("login", "format"));
        }
        else if (await users.FindByNameAsync(login) is not null)
        {
            errors.Add(("login", "taken"));
        }
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new AppUser { UserName = login }, password);
            if (!result.Succeeded)
            {
                errors.Add(("password", "weak_password"));
                break;
            }
        }
        return errors;
    }
}
