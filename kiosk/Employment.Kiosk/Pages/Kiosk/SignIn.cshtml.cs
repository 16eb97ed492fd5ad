using Employment.Core.Kiosk;
using Employment.Kiosk.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>Sign in with the person card number and the PIN a counselor set.</summary>
public sealed class SignInModel(KioskPins pins, IStringLocalizer<KioskResource> text) : KioskPageModel
{
    public string? Message { get; private set; }

    public IActionResult OnGet() => SignedIn ? LocalRedirect("/kiosk/me") : Page();

    public async Task<IActionResult> OnPostAsync(string? card, string? pin, CancellationToken ct)
    {
        var result = await pins.VerifyAsync(card, pin, ct);
        switch (result.Outcome)
        {
            case KioskSignInOutcome.SignedIn:
                await KioskSession.SignInAsync(HttpContext, result.PersonId!);
                return LocalRedirect("/kiosk/me");
            case KioskSignInOutcome.LockedOut:
                Message = text["LockedOut", (int)Math.Ceiling(KioskPins.Lockout.TotalMinutes)];
                break;
            default:
                // One message for an unknown card and a wrong PIN: the screen never tells which cards exist.
                // How many tries are left, counted the same way for cards nobody holds.
                Message = result.AttemptsLeft > 0 ? text["WrongCardOrPinTriesLeft", result.AttemptsLeft] : text["WrongCardOrPin"];
                break;
        }
        return Page();
    }
}
