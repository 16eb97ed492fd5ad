using System.CommandLine;
using Employment.Core.Accounts;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Cli.Commands;

/// <summary>
/// `employment user add|reset-password|disable|enable`: accounts for operators. The password comes from standard
/// input, never the command line, where it would sit in the shell history and the process list.
/// </summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var user = new Command("user", "staff accounts (admin, counselor, employer)");
        user.Subcommands.Add(Add());
        user.Subcommands.Add(ResetPassword());
        user.Subcommands.Add(SetDisabled("disable", true));
        user.Subcommands.Add(SetDisabled("enable", false));
        return user;
    }

    private static Command Add()
    {
        var role = new Option<string>("--role") { Description = "admin, counselor or employer", Required = true };
        var login = new Option<string>("--login") { Description = "the sign-in name", Required = true };
        var name = new Option<string?>("--name") { Description = "the name shown in pages and the audit log" };
        var area = new Option<string[]>("--area") { Description = "a street or community code the counselor covers (repeatable)", AllowMultipleArgumentsPerToken = true };
        var employer = new Option<string?>("--employer") { Description = "the employer id an employer account belongs to" };
        var command = new Command("add", "create an account; the password is read from standard input") { role, login, name, area, employer };
        command.SetAction(async (parse, ct) =>
        {
            var password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
            await using var services = Build(parse);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            // Divisions are the region's reference data (not demo data): an area is checked against them.
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedDivisionsAsync();
            try
            {
                var created = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(new NewAccount(
                    parse.GetValue(login)!.Trim(), parse.GetValue(role)!.Trim(), password, parse.GetValue(name),
                    parse.GetValue(area) ?? [], parse.GetValue(employer)), ct);
                Console.Error.WriteLine($"created {parse.GetValue(role)} account {created.UserName}");
                return ExitCodes.Ok;
            }
            catch (AccountException ex)
            {
                foreach (var (field, message) in ex.Errors)
                {
                    Console.Error.WriteLine($"account {parse.GetValue(login)}: {field}: {message}");
                }
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }

    /// <summary>The way back in when the only admin's password is lost: an operator on the machine sets a new one.</summary>
    private static Command ResetPassword()
    {
        var login = new Option<string>("--login") { Description = "the sign-in name", Required = true };
        var command = new Command("reset-password", "set a new password (read from standard input), unlock the account and end its sessions") { login };
        command.SetAction(async (parse, ct) =>
        {
            var password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
            await using var services = Build(parse);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var account = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(parse.GetValue(login)!);
            if (account is null)
            {
                Console.Error.WriteLine($"account {parse.GetValue(login)}: login: no such account");
                return ExitCodes.InvalidInput;
            }
            try
            {
                await scope.ServiceProvider.GetRequiredService<UserAccounts>().ResetPasswordAsync(account, password);
            }
            catch (AccountException ex)
            {
                foreach (var (field, message) in ex.Errors)
                {
                    Console.Error.WriteLine($"account {account.UserName}: {field}: {message}");
                }
                return ExitCodes.InvalidInput;
            }
            var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            audit.Add("operator:" + Environment.UserName, "account.reset-password", "Account", account.UserName!, AuditDetail.Of(AuditDetails.PasswordResetByOperator));
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(ct);
            Console.Error.WriteLine($"reset the password of {account.UserName}{(account.Disabled ? " (the account stays disabled)" : "")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SetDisabled(string verb, bool disabled)
    {
        var login = new Option<string>("--login") { Description = "the sign-in name", Required = true };
        var command = new Command(verb, disabled ? "disable an account and end its sessions" : "enable a disabled account") { login };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = Build(parse);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var account = await users.FindByNameAsync(parse.GetValue(login)!);
            if (account is null)
            {
                Console.Error.WriteLine($"account {parse.GetValue(login)}: login: no such account");
                return ExitCodes.InvalidInput;
            }
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().SetDisabledAsync(account, disabled);
            Console.Error.WriteLine($"{verb}d {account.UserName}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ServiceProvider Build(ParseResult parse) => CliOptions.BuildServices(parse, configure: s => s.AddEmploymentAccountsCore());
}
