using System.ComponentModel.DataAnnotations;

namespace Employment.Core.Reports;

/// <summary>The program's rules for exits and figures (configuration section "Outcomes").</summary>
public sealed class OutcomeOptions
{
    public const string Section = "Outcomes";

    /// <summary>After a verified exit the household keeps its support this long (过渡期).</summary>
    [Range(0, 36)] public int TransitionMonths { get; set; } = 6;

    /// <summary>Exited households are tracked and rewarded this long ("rewarded for three years").</summary>
    [Range(1, 10)] public int IncentiveYears { get; set; } = 3;

    /// <summary>A follow-up done within this many days after its due date is on time.</summary>
    [Range(0, 60)] public int FollowUpGraceDays { get; set; } = 7;

    /// <summary>How many quarters the zero-employment trend shows, the reported one included.</summary>
    [Range(2, 12)] public int TrendQuarters { get; set; } = 4;
}
