using System.ComponentModel.DataAnnotations;

namespace Employment.Core.Search;

/// <summary>Where the indexes live: <c>jobbank/</c> and <c>talentpool/</c> under <see cref="IndexRoot"/>.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Empty means <c>index/</c> under the data directory; a full path puts the indexes elsewhere (a faster disk, a node's own folder).</summary>
    [Required]
    public string IndexRoot { get; set; } = "";

    public string JobBankPath => Path.Combine(IndexRoot, "jobbank");
    public string TalentPoolPath => Path.Combine(IndexRoot, "talentpool");
}
