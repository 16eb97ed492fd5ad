using Employment.Core.Domain;
using Employment.Core.Data;
using Employment.Core.Households;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Counseling;

/// <summary>One new entry of the four-clear ledger, as a counselor types it.</summary>
public sealed record LedgerInput(LedgerSection Section, string? PersonId, string? Text, DateOnly RecordedOn);

/// <summary>
/// The four-clear ledger (四清台账) of a household: dated entries with who wrote them. An author
/// may correct or take back their own latest entry in a household (a slip of the keyboard), never
/// anyone else's and never an older one: the ledger is a record, not a document.
/// </summary>
public sealed class HouseholdLedger(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const int MaxTextLength = 4000;
    /// <summary>Entries dated before the program's first year are typing mistakes.</summary>
    public static readonly DateOnly Earliest = new(2015, 1, 1);

    /// <summary>Every problem with an input, as (field, code); empty when it can be saved.</summary>
    public static IReadOnlyList<(string Field, string Code)> Validate(Household household, LedgerInput input, DateOnly today)
    {
        var problems = new List<(string, string)>();
        if (!Enum.IsDefined(input.Section))
        {
            problems.Add((nameof(LedgerInput.Section), RefusalCodes.Required));
        }
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            problems.Add((nameof(LedgerInput.Text), RefusalCodes.Required));
        }
        else if (input.Text.Trim().Length > MaxTextLength)
        {
            problems.Add((nameof(LedgerInput.Text), RefusalCodes.TooLong));
        }
        if (input.RecordedOn > today)
        {
            problems.Add((nameof(LedgerInput.RecordedOn), RefusalCodes.DateInFuture));
        }
        else if (input.RecordedOn < Earliest)
        {
            problems.Add((nameof(LedgerInput.RecordedOn), RefusalCodes.DateTooEarly));
        }
        if (!string.IsNullOrEmpty(input.PersonId) && household.Members.All(m => m.Id != input.PersonId))
        {
            problems.Add((nameof(LedgerInput.PersonId), RefusalCodes.NotMember));
        }
        return problems;
    }

    public async Task<LedgerEntry> AddAsync(string householdId, LedgerInput input, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == householdId, ct)
            ?? throw new RefusalException($"household {householdId}", "id", RefusalCodes.NoSuchRecord);
        var problems = Validate(household, input, clock.DayOf(now));
        if (problems.Count > 0)
        {
            throw new RefusalException($"household {householdId}", problems[0].Field, problems[0].Code);
        }
        var entry = new LedgerEntry
        {
            HouseholdId = householdId,
            PersonId = string.IsNullOrEmpty(input.PersonId) ? null : input.PersonId,
            Section = input.Section,
            Text = input.Text!.Trim(),
            RecordedOn = input.RecordedOn,
            Author = actor,
            CreatedUtc = now,
        };
        db.LedgerEntries.Add(entry);
        audit.Add(actor, "ledger-add", AuditTrail.Household, householdId, AuditDetail.Of(AuditDetails.LedgerAdded, input.Section, input.RecordedOn));
        await db.SaveChangesAsync(ct);
        return entry;
    }

    /// <summary>The entry the author may still correct or take back in this household, if any.</summary>
    public async Task<long?> LastEntryOfAsync(string householdId, string actor, CancellationToken ct = default) =>
        await db.LedgerEntries.Where(e => e.HouseholdId == householdId && e.Author == actor)
            .OrderByDescending(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);

    public async Task CorrectAsync(string householdId, long entryId, string? text, string actor, CancellationToken ct = default)
    {
        var entry = await OwnLastAsync(householdId, entryId, actor, ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RefusalException($"ledger entry {entryId}", "Text", RefusalCodes.Required);
        }
        if (text.Trim().Length > MaxTextLength)
        {
            throw new RefusalException($"ledger entry {entryId}", "Text", RefusalCodes.TooLong);
        }
        entry.Text = text.Trim();
        audit.Add(actor, "ledger-correct", AuditTrail.Household, householdId, AuditDetail.Of(AuditDetails.LedgerCorrected, entryId));
        await db.SaveChangesAsync(ct);
    }

    public async Task UndoAsync(string householdId, long entryId, string actor, CancellationToken ct = default)
    {
        var entry = await OwnLastAsync(householdId, entryId, actor, ct);
        db.LedgerEntries.Remove(entry);
        audit.Add(actor, "ledger-undo", AuditTrail.Household, householdId, AuditDetail.Of(AuditDetails.LedgerUndone, entryId, entry.Section));
        await db.SaveChangesAsync(ct);
    }

    private async Task<LedgerEntry> OwnLastAsync(string householdId, long entryId, string actor, CancellationToken ct)
    {
        var last = await LastEntryOfAsync(householdId, actor, ct);
        if (last != entryId)
        {
            throw new RefusalException($"ledger entry {entryId}", "id", RefusalCodes.NotYourLastEntry);
        }
        return await db.LedgerEntries.FirstAsync(e => e.Id == entryId, ct);
    }
}
