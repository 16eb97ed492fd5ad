using System.ComponentModel.DataAnnotations;

namespace Employment.Core.Search;

/// <summary>Where the indexes live: <c>jobbank/</c>, <c>talentpool/</c> and <c>courses/</c> under <see cref="IndexRoot"/>.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Empty means <c>index/</c> under the data directory; a full path puts the indexes elsewhere (a faster disk, a node's own folder).</summary>
    [Required]
    public string IndexRoot { get; set; } = "";

    /// <summary>
    /// This node's name in the database's table of index nodes (<see cref="SearchNode"/>). Empty: the
    /// machine's name and a digest of <see cref="IndexRoot"/>, stable across restarts.
    /// </summary>
    [MaxLength(128)]
    public string? NodeId { get; set; }

    /// <summary>A node not seen for this long no longer holds back the outbox purge (it rebuilds when it returns).</summary>
    [Range(1, 60 * 24 * 30)]
    public int NodeTimeoutMinutes { get; set; } = 60;

    /// <summary>
    /// How often the indexer looks for changes written by another process (the CLI, another node):
    /// its own saves wake it at once, and on PostgreSQL so does another process's commit (a
    /// notification); this is the fallback. Empty: a second on PostgreSQL (several nodes), 5 s on SQLite.
    /// </summary>
    [Range(0.1, 60)]
    public double? PollSeconds { get; set; }

    public string JobBankPath => Path.Combine(IndexRoot, "jobbank");
    public string TalentPoolPath => Path.Combine(IndexRoot, "talentpool");
    public string CoursePath => Path.Combine(IndexRoot, "courses");
}
