using Employment.Core.Domain;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Employment.Core.Data;
using Employment.Core.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Core.Kiosk;

public enum KioskSignInOutcome { SignedIn, Wrong, LockedOut }

/// <summary>The answer to a sign-in: the person only when it succeeded.</summary>
/// <summary>
/// The answer to a sign-in: the person only when it succeeded; after a wrong try, how many are left
/// before the card locks (so the kiosk can warn before the last one).
/// </summary>
public sealed record KioskSignInResult(KioskSignInOutcome Outcome, string? PersonId = null, DateTime? LockedUntilUtc = null, int AttemptsLeft = 0);

/// <summary>
/// The person card (一人一卡) and its PIN: set by a counselor, checked at the kiosk. PINs are
/// stored only as ASP.NET Identity password hashes; five wrong tries in a row lock the card.
/// </summary>
public sealed partial class KioskPins(AppDbContext db, TimeProvider clock, IOptions<PasswordHasherOptions> hashing)
{
    private readonly AuditTrail _audit = new(db, clock);
    private readonly PasswordHasher<Person> _hasher = new(hashing);

    public const int MaxAttempts = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Wrong tries on card numbers nobody holds, counted like real ones: were "tries left" shown
    /// only for real cards, the kiosk would tell which cards exist. Bounded; cleared when full.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Failures, DateTime LockedUntilUtc)> UnknownCards = new();
    private const int MaxUnknownCards = 10_000;

    // Verified when the card is unknown, so a wrong card takes as long as a wrong PIN (one per hashing cost).
    private static readonly ConcurrentDictionary<int, string> DummyHashes = new();

    private string DummyHash => DummyHashes.GetOrAdd(hashing.Value.IterationCount, _ => _hasher.HashPassword(null!, "000000-unused"));

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex PinPattern();

    [GeneratedRegex("^[0-9A-Z]{4,32}$")]
    private static partial Regex CardPattern();

    /// <summary>Card numbers are compared without spaces or dashes, upper case.</summary>
    public static string NormalizeCard(string? card) =>
        new string((card ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();

    /// <summary>
    /// Gives the person a card number and a PIN (six digits) and clears any lockout. The card
    /// number must be free; re-setting the same person's own card is fine.
    /// </summary>
    public async Task SetPinAsync(string personId, string cardNumber, string pin, string actor, CancellationToken cancellationToken)
    {
        var card = NormalizeCard(cardNumber);
        if (!CardPattern().IsMatch(card))
        {
            throw new RefusalException($"card {cardNumber}", "cardNumber", RefusalCodes.CardFormat);
        }
        ValidatePin(pin);
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new RefusalException($"person {personId}", "personId", RefusalCodes.NoSuchRecord);
        if (await db.Persons.AnyAsync(p => p.CardNumber == card && p.Id != personId, cancellationToken))
        {
            throw new RefusalException($"card {card}", "cardNumber", RefusalCodes.CardTaken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        person.CardNumber = card;
        person.PinHash = _hasher.HashPassword(person, pin);
        person.FailedPinAttempts = 0;
        person.PinLockedUntilUtc = null;
        _audit.Add(actor, "kiosk.pin.set", AuditTrail.Person, person.Id, AuditDetail.Of(AuditDetails.KioskCard, card));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Checks a card and PIN; counts wrong tries and locks the card after <see cref="MaxAttempts"/>.
    /// Every attempt first claims one of the card's tries in a single conditional UPDATE, before the
    /// PIN is even looked at: parallel requests cannot all read "four tries so far" and all be
    /// checked, so the sixth attempt is refused whatever the interleaving, and nothing here can
    /// lose a concurrency race (no tracked row is written back).
    /// </summary>
    public async Task<KioskSignInResult> VerifyAsync(string? cardNumber, string? pin, CancellationToken cancellationToken)
    {
        var card = NormalizeCard(cardNumber);
        var now = clock.GetUtcNow().UtcDateTime;
        var person = card.Length == 0 ? null : await db.Persons.AsNoTracking()
            .Where(p => p.CardNumber == card).Select(p => new { p.Id, p.PinHash }).FirstOrDefaultAsync(cancellationToken);
        if (person?.PinHash is null)
        {
            _hasher.VerifyHashedPassword(null!, DummyHash, pin ?? "");
            return UnknownCardTry(card, now);
        }

        // The claim: one more try counted, and the card locked by the try that reaches the limit.
        // SQL reads every right-hand side from the row as it was, so both columns agree. The lock's
        // instant is this try's mark, read back below to tell whether this try set it: it is cut to
        // the stores' precision, or PostgreSQL returns it a few ticks off and the try that locked
        // the card answers "wrong" (five wrongs where four are right).
        var lockedUntil = (now + Lockout).ToStoredPrecision();
        var claimed = await db.Persons
            .Where(p => p.Id == person.Id && (p.PinLockedUntilUtc == null || p.PinLockedUntilUtc <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.FailedPinAttempts, p => p.FailedPinAttempts + 1 >= MaxAttempts ? 0 : p.FailedPinAttempts + 1)
                .SetProperty(p => p.PinLockedUntilUtc, p => p.FailedPinAttempts + 1 >= MaxAttempts ? lockedUntil : (DateTime?)null),
                cancellationToken);
        if (claimed == 0)
        {
            var until = await db.Persons.AsNoTracking().Where(p => p.Id == person.Id).Select(p => p.PinLockedUntilUtc).FirstOrDefaultAsync(cancellationToken);
            return new KioskSignInResult(KioskSignInOutcome.LockedOut, LockedUntilUtc: until);
        }

        var verdict = pin is null ? PasswordVerificationResult.Failed : _hasher.VerifyHashedPassword(null!, person.PinHash, pin);
        string action;
        KioskSignInResult result;
        if (verdict == PasswordVerificationResult.Failed)
        {
            var state = await db.Persons.AsNoTracking().Where(p => p.Id == person.Id)
                .Select(p => new { p.PinLockedUntilUtc, p.FailedPinAttempts }).FirstAsync(cancellationToken);
            if (state.PinLockedUntilUtc == lockedUntil)
            {
                // This try was the one that reached the limit.
                action = "kiosk.pin.locked";
                result = new KioskSignInResult(KioskSignInOutcome.LockedOut, LockedUntilUtc: lockedUntil);
            }
            else
            {
                action = "kiosk.signin.failed";
                result = new KioskSignInResult(KioskSignInOutcome.Wrong, AttemptsLeft: Math.Max(1, MaxAttempts - state.FailedPinAttempts));
            }
        }
        else
        {
            // The right PIN, within the tries it was allowed: the count starts again.
            var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? _hasher.HashPassword(null!, pin!) : person.PinHash;
            await db.Persons.Where(p => p.Id == person.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.FailedPinAttempts, 0)
                .SetProperty(p => p.PinLockedUntilUtc, (DateTime?)null)
                .SetProperty(p => p.PinHash, rehash), cancellationToken);
            action = "kiosk.signin";
            result = new KioskSignInResult(KioskSignInOutcome.SignedIn, person.Id);
            // Kept beside the person, not on it: a visit is no reason to reindex the talent pool.
            var visit = await db.KioskVisits.FirstOrDefaultAsync(v => v.PersonId == person.Id, cancellationToken);
            if (visit is null)
            {
                db.KioskVisits.Add(new Counseling.KioskVisit { PersonId = person.Id, LastUtc = now });
            }
            else
            {
                visit.PreviousUtc = visit.LastUtc;
                visit.LastUtc = now;
            }
        }
        _audit.Add("kiosk", action, AuditTrail.Person, person.Id);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private static KioskSignInResult UnknownCardTry(string card, DateTime now)
    {
        if (UnknownCards.Count >= MaxUnknownCards)
        {
            UnknownCards.Clear();
        }
        var (failures, lockedUntil) = UnknownCards.GetValueOrDefault(card);
        if (lockedUntil > now)
        {
            return new KioskSignInResult(KioskSignInOutcome.LockedOut, LockedUntilUtc: lockedUntil);
        }
        failures++;
        if (failures >= MaxAttempts)
        {
            UnknownCards[card] = (0, now + Lockout);
            return new KioskSignInResult(KioskSignInOutcome.LockedOut, LockedUntilUtc: now + Lockout);
        }
        UnknownCards[card] = (failures, DateTime.MinValue);
        return new KioskSignInResult(KioskSignInOutcome.Wrong, AttemptsLeft: MaxAttempts - failures);
    }

    /// <summary>
    /// Gives persons without a card a demo card number and a random PIN each (Development only:
    /// the caller prints them once). Returns (person, card, PIN).
    /// </summary>
    public async Task<IReadOnlyList<(string PersonId, string Card, string Pin)>> AssignDemoCardsAsync(int count, CancellationToken cancellationToken)
    {
        if (await db.Persons.AnyAsync(p => p.CardNumber != null, cancellationToken))
        {
            return [];
        }
        var persons = await db.Persons
            .Where(p => p.Status == PersonStatus.Seeking && !p.Employed && p.LaborCapacity != Domain.LaborCapacity.None)
            .OrderBy(p => p.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
        var issued = new List<(string, string, string)>();
        var serial = 1;
        foreach (var person in persons)
        {
            var card = (88_000_000 + serial++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string pin;
            do
            {
                pin = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            }
            while (IsWeak(pin));
            await SetPinAsync(person.Id, card, pin, "demo-seed", cancellationToken);
            issued.Add((person.Id, card, pin));
        }
        return issued;
    }

    private static void ValidatePin(string pin)
    {
        if (pin is null || !PinPattern().IsMatch(pin))
        {
            throw new RefusalException("PIN", "pin", RefusalCodes.PinFormat);
        }
        if (IsWeak(pin))
        {
            throw new RefusalException("PIN", "pin", RefusalCodes.PinWeak);
        }
    }

    /// <summary>All one digit, or a straight run up or down: the first PINs anyone tries.</summary>
    private static bool IsWeak(string pin)
    {
        bool Run(int step)
        {
            for (var i = 1; i < pin.Length; i++)
            {
                if (pin[i] - pin[i - 1] != step)
                {
                    return false;
                }
            }
            return true;
        }
        return Run(0) || Run(1) || Run(-1);
    }
}
