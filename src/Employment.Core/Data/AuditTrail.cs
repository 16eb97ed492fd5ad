namespace Employment.Core.Data;

/// <summary>
/// Writes the audit log: who saw or changed which household or person record, when. Pages call
/// <see cref="ViewedAsync"/> on every view of a personal record; changes go through <see cref="Add"/>
/// so they commit with the change itself. A detail is a code and its values (<see cref="AuditDetail"/>),
/// never a sentence: the reader's language is the page's business.
/// </summary>
public sealed class AuditTrail(AppDbContext db, TimeProvider clock)
{
    public const string Household = "household";
    public const string Person = "person";

    /// <summary>Queues an entry in the current unit of work; it commits with the caller's SaveChanges.</summary>
    public void Add(string actor, string action, string entityType, string entityId, AuditDetail? detail = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            // Callers pass masked values only.
            DetailCode = detail?.Code,
            DetailArgs = detail is null || detail.Arguments.Count == 0 ? null : detail.ArgumentsJson,
        });

    /// <summary>Records a view at once, in its own save: a page that shows the record must not depend on a later write.</summary>
    public async Task ViewedAsync(string actor, string entityType, string entityId, AuditDetail? detail = null, CancellationToken ct = default)
    {
        Add(actor, "view", entityType, entityId, detail);
        await db.SaveChangesAsync(ct);
    }
}
