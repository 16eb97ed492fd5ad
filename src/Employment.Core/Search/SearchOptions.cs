using System.ComponentModel.DataAnnotations;

namespace Employment.Core.Search;

/// <summary>Where the indexes live: <c>jobbank/</c> and <c>talentpool/</c> under <see cref="IndexRoot"/>.</summary>
public sealed class SearchOptions
{
    [Required]
    public string IndexRoot { get; set; } = "";

    public string JobBankPath => Path.Combine(IndexRoot, "jobbank");
    public string TalentPoolPath => Path.Combine(IndexRoot, "talentpool");
}
