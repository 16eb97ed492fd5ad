using System.ComponentModel.DataAnnotations;

namespace Employment.Core.Data;

/// <summary>Who saw or changed what, when: every view of a household or person record lands here.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    [MaxLength(256)] public required string Actor { get; set; }
    [MaxLength(64)] public required string Action { get; set; }
    [MaxLength(32)] public required string EntityType { get; set; }
    [MaxLength(64)] public required string EntityId { get; set; }
    public const int DetailArgsMax = 1000;

    /// <summary>
    /// Free text, as entries were written before <see cref="DetailCode"/>; kept so old rows still
    /// read. Never holds a full ID number; masked values only.
    /// </summary>
    [MaxLength(1000)] public string? Detail { get; set; }
    /// <summary>What the entry says beyond its action, as an <see cref="AuditDetails"/> code; its sentence is the web host's.</summary>
    [MaxLength(64)] public string? DetailCode { get; set; }
    /// <summary>The values the code's sentence names: a JSON array of strings (<see cref="AuditDetail"/>).</summary>
    [MaxLength(DetailArgsMax)] public string? DetailArgs { get; set; }
}

/// <summary>
/// Erase: a person's data was erased; the record is read again (and is gone) and the index then
/// rewrites its segments so the deleted document leaves the files as well.
/// </summary>
public enum IndexOperation { Upsert, Delete, Erase }

/// <summary>
/// The outbox row that tells the indexer a position or person changed. Written by
/// <see cref="AppDbContext"/> in the same transaction as the change, so a crash between the
/// database commit and the index commit loses nothing: the indexer replays from its watermark.
/// </summary>
public sealed class IndexChange
{
    public long Id { get; set; }
    /// <summary>"jobbank" or "talentpool".</summary>
    [MaxLength(16)] public required string Index { get; set; }
    [MaxLength(64)] public required string EntityId { get; set; }
    public IndexOperation Operation { get; set; }
    public DateTime CreatedUtc { get; set; }
}
