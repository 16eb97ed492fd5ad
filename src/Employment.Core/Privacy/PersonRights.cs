using System.ComponentModel.DataAnnotations;
using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Placement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Core.Privacy;

/// <summary>How long a person's data is kept (PIPL art. 47: deleted when the purpose is served).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Years after a household's incentive period ends (the exit's three years) before its members are erased.</summary>
    [Range(0, 50)] public int RetentionYears { get; set; } = 3;
}

/// <summary>What an erase did, for the page, the CLI and the test.</summary>
public sealed record ErasureResult(string PersonId, int ReferralsWithdrawn, int TextsScrubbed, bool StoreCompacted);

/// <summary>
/// A person's rights over their data (PIPL arts. 44–47): a copy of everything held
/// (<see cref="PersonFile"/>), consent withdrawn (which withdraws the open referrals), and erasure.
/// An erase removes the identifying fields everywhere — the person's row, free texts that name them,
/// both indexes through the outbox — and keeps the row itself, so placements, exits and the quarter's
/// figures stay what they were; the audit keeps that it happened, by whom and why, without the data.
/// </summary>
public sealed class PersonRights(AppDbContext db, AuditTrail audit, TimeProvider clock, IOptions<PrivacyOptions> options)
{
    /// <summary>What an erased person's name becomes, and what replaces their name or ID number in free texts.</summary>
    public const string ErasedMark = "（已删除）";

    /// <summary>The person's file, recorded in the audit as an export; null when there is no such person.</summary>
    public async Task<PersonFile?> ExportAsync(string personId, string actor, string how, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var file = await PersonFile.BuildAsync(db, personId, now, ct);
        if (file is null)
        {
            return null;
        }
        audit.Add(actor, "person.export", AuditTrail.Person, personId, AuditDetail.Of(AuditDetails.PersonExported, how));
        await db.SaveChangesAsync(ct);
        return file;
    }

    /// <summary>
    /// The person withdraws the consent they gave to be referred: every open referral is withdrawn
    /// with that reason (the employer no longer sees them), and the person is back to seeking.
    /// </summary>
    public async Task<int> WithdrawConsentAsync(string personId, string? reason, string actor, CancellationToken ct = default)
    {
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new RefusalException($"person {personId}", "id", RefusalCodes.NoSuchRecord);
        var withdrawn = await WithdrawOpenReferralsAsync(person, "consent withdrawn" + (string.IsNullOrWhiteSpace(reason) ? "" : ": " + reason.Trim()), actor, ct);
        db.RecordChanges.Add(new RecordChange
        {
            HouseholdId = person.HouseholdId, PersonId = person.Id, AtUtc = clock.GetUtcNow().UtcDateTime, Actor = actor,
            Field = "ConsentWithdrawn", After = withdrawn.ToString(System.Globalization.CultureInfo.InvariantCulture), Reason = Cut(reason),
        });
        audit.Add(actor, "person.consent-withdrawn", AuditTrail.Person, person.Id, AuditDetail.Of(AuditDetails.ConsentWithdrawn, withdrawn));
        await db.SaveChangesAsync(ct);
        return withdrawn;
    }

    /// <summary>
    /// Erases the person's identifying data. <paramref name="reason"/> is required (the person's
    /// request, the retention period's end); a name or ID number inside it is not kept either.
    /// On SQLite the erase runs with <c>secure_delete</c> on and is followed by a VACUUM and a
    /// truncating WAL checkpoint (<see cref="StoreCompaction"/>), so the old values leave the files.
    /// </summary>
    public Task<ErasureResult> EraseAsync(string personId, string? reason, string actor, CancellationToken ct = default) =>
        EraseAsync(personId, reason, actor, null, ct);

    /// <param name="detail">What the audit says of the erase when the reason is the program's own (retention), not a person's words.</param>
    private async Task<ErasureResult> EraseAsync(string personId, string? reason, string actor, AuditDetail? detail, CancellationToken ct)
    {
        var record = $"person {personId}";
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RefusalException(record, "reason", RefusalCodes.Required);
        }
        if (InputRules.TextProblem(reason.Trim(), InputRules.ReasonMax, multiline: true) is not null)
        {
            throw new RefusalException(record, "reason", RefusalCodes.TooLong);
        }
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new RefusalException(record, "id", RefusalCodes.NoSuchRecord);
        if (person.ErasedUtc is not null)
        {
            throw new RefusalException(record, "id", RefusalCodes.NotAllowed);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var identifiers = new[] { person.Name, person.IdNumber }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).Distinct().ToList();
        var why = Scrub(reason.Trim(), identifiers);

        await using var compaction = await StoreCompaction.BeginAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var withdrawn = await WithdrawOpenReferralsAsync(person, "personal data erased", actor, ct);

        person.Name = ErasedMark;
        person.IdNumber = null;
        person.Phone = null;
        person.Address = null;
        person.Lat = null;
        person.Lon = null;
        person.DivisionCode = null;
        person.CardNumber = null;
        person.PinHash = null;
        person.FailedPinAttempts = 0;
        person.PinLockedUntilUtc = null;
        person.DisabilityType = null;
        person.DisabilityGrade = null;
        person.Limits = [];
        person.Needs = [];
        person.ErasedUtc = now;

        // Texts written about this person alone go entirely; their values in the register's history too.
        await db.LedgerEntries.Where(e => e.PersonId == person.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Text, ErasedMark), ct);
        await db.RecordChanges.Where(c => c.PersonId == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Before, (string?)null).SetProperty(c => c.After, (string?)null), ct);
        await db.SavedSearches.Where(s => s.PersonId == person.Id).ExecuteDeleteAsync(ct);
        await db.Referrals.Where(r => r.PersonId == person.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Note, (string?)null), ct);
        await db.SaveChangesAsync(ct);
        // Anywhere else (household ledger, follow-up notes, remarks, reasons, audit details, tables
        // added later): every text column of the model, with the name and ID number replaced.
        var scrubbed = await ScrubEverywhereAsync(identifiers, ct);

        db.RecordChanges.Add(new RecordChange
        {
            HouseholdId = person.HouseholdId, PersonId = person.Id, AtUtc = now, Actor = actor, Field = RecordFields.Erased, Reason = why,
        });
        audit.Add(actor, "person.erase", AuditTrail.Person, person.Id, detail ?? AuditDetail.Of(AuditDetails.Reason, why));
        // Both indexes: the person's document goes, and the segments are rewritten without it.
        db.IndexChanges.Add(new IndexChange { Index = AppDbContext.TalentPoolIndex, EntityId = person.Id, Operation = IndexOperation.Erase, CreatedUtc = now });
        db.IndexChanges.Add(new IndexChange { Index = AppDbContext.JobBankIndex, EntityId = person.Id, Operation = IndexOperation.Erase, CreatedUtc = now });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var compacted = await compaction.CompactAsync(ct);
        return new ErasureResult(person.Id, withdrawn, scrubbed, compacted);
    }

    /// <summary>
    /// The persons whose retention has ended: members of households whose exit's incentive period
    /// ended more than <see cref="PrivacyOptions.RetentionYears"/> ago (and was not revoked), not yet erased.
    /// </summary>
    public async Task<IReadOnlyList<string>> RetentionEndedAsync(CancellationToken ct = default)
    {
        var cutoff = clock.Today().AddYears(-options.Value.RetentionYears);
        var households = db.HouseholdExits.Where(x => x.RevokedOn == null && x.IncentiveEndsOn < cutoff).Select(x => x.HouseholdId);
        return await db.Persons.Where(p => p.ErasedUtc == null && households.Contains(p.HouseholdId))
            .Join(db.Households.Where(h => h.ExitStatus == ExitStatus.Exited), p => p.HouseholdId, h => h.Id, (p, _) => p.Id)
            .OrderBy(id => id).ToListAsync(ct);
    }

    /// <summary>Erases everyone whose retention has ended (the <c>retention</c> schedule); the number erased.</summary>
    public async Task<int> EraseRetentionEndedAsync(string actor, CancellationToken ct = default)
    {
        var due = await RetentionEndedAsync(ct);
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            await EraseAsync(id, $"retention ended ({options.Value.RetentionYears} years after the incentive period)", actor,
                AuditDetail.Of(AuditDetails.RetentionEnded, options.Value.RetentionYears), ct);
        }
        return due.Count;
    }

    private async Task<int> WithdrawOpenReferralsAsync(Person person, string why, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.Referrals.Where(r => r.PersonId == person.Id && Referral.Pending.Contains(r.Status)).ToListAsync(ct);
        foreach (var referral in open)
        {
            referral.MoveTo(ReferralStatus.Withdrawn, now, actor, why);
            await ReferralPipeline.SettlePersonAsync(db, person, referral.Id, now, ct);
        }
        if (open.Count > 0 && person.Status is PersonStatus.Referred or PersonStatus.Interviewing && Person.Lifecycle.CanMove(person.Status, PersonStatus.Seeking))
        {
            person.MoveTo(PersonStatus.Seeking, now);
        }
        return open.Count;
    }

    /// <summary>Replaces the identifiers in every text column of the model but the persons' own rows (other people may share a name).</summary>
    private async Task<int> ScrubEverywhereAsync(IReadOnlyList<string> identifiers, CancellationToken ct)
    {
        var total = 0;
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null || entity.ClrType == typeof(Person) || entity.ClrType == typeof(AppUser) || entity.IsOwned())
            {
                continue;
            }
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string) && !p.IsKey() && !p.IsForeignKey()))
            {
                var column = property.GetColumnName(store);
                if (column is null)
                {
                    continue;
                }
                foreach (var identifier in identifiers)
                {
                    // Identifiers are bound as parameters; table and column names come from our own model.
                    // replace() and <> are in SQLite and PostgreSQL alike.
                    var sql = $"UPDATE \"{table}\" SET \"{column}\" = replace(\"{column}\", {{0}}, {{1}}) WHERE \"{column}\" IS NOT NULL AND replace(\"{column}\", {{0}}, {{1}}) <> \"{column}\"";
#pragma warning disable EF1002 // the names are the model's own, the values are parameters
                    total += await db.Database.ExecuteSqlRawAsync(sql, [identifier, ErasedMark], ct);
#pragma warning restore EF1002
                }
            }
        }
        return total;
    }

    private static string Scrub(string text, IReadOnlyList<string> identifiers) =>
        identifiers.Aggregate(text, (t, id) => t.Replace(id, ErasedMark, StringComparison.Ordinal));

    private static string? Cut(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? null : reason.Trim() is { Length: > InputRules.ReasonMax } r ? r[..InputRules.ReasonMax] : reason.Trim();
}
