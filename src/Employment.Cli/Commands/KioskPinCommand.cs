using Employment.Core.Domain;
using System.CommandLine;
using Employment.Core.Data;
using Employment.Core.Kiosk;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Cli.Commands;

/// <summary>
/// Gives a person a kiosk card number and PIN. The PIN is read from standard input, never from
/// the command line, where it would stay in the shell's history and the process list.
/// </summary>
internal static class KioskPinCommand
{
    public static Command Create()
    {
        var person = new Option<string>("--person") { Description = "the person's id", Required = true };
        var card = new Option<string>("--card") { Description = "the person card number (一人一卡)", Required = true };
        var command = new Command("kiosk-pin", "set a person's kiosk card number and PIN (6 digits, read from standard input)") { person, card };
        command.SetAction(async (parse, ct) =>
        {
            var pin = (await Console.In.ReadLineAsync(ct))?.Trim();
            if (string.IsNullOrEmpty(pin))
            {
                Console.Error.WriteLine("pin: give the 6-digit PIN on standard input");
                return ExitCodes.InvalidInput;
            }
            await using var services = CliOptions.BuildServices(parse);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var pins = new KioskPins(scope.ServiceProvider.GetRequiredService<AppDbContext>(), TimeProvider.System,
                Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.Identity.PasswordHasherOptions()));
            try
            {
                var personId = parse.GetValue(person)!;
                await pins.SetPinAsync(personId, parse.GetValue(card)!, pin, "cli:" + Environment.UserName, ct);
                Console.Error.WriteLine($"person {personId}: card {KioskPins.NormalizeCard(parse.GetValue(card))} and PIN set; earlier wrong tries cleared");
                return ExitCodes.Ok;
            }
            catch (RefusalException ex)
            {
                var reason = ex.Code switch
                {
                    RefusalCodes.CardFormat => "a card number is 4 to 32 letters or digits",
                    RefusalCodes.CardTaken => "the card number belongs to another person",
                    RefusalCodes.PinFormat => "the PIN must be exactly 6 digits",
                    RefusalCodes.PinWeak => "the PIN must not be one digit repeated or a run such as 123456",
                    RefusalCodes.NoSuchRecord => "no such person",
                    _ => ex.Code,
                };
                Console.Error.WriteLine($"{ex.Record}: {ex.Field}: {reason}; nothing was changed");
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
