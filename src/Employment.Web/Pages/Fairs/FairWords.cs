using Employment.Core.Matching;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Fairs;

/// <summary>
/// A plan's value as a counselor reads it: how many people got a place and how good those places
/// are (the average match as a percentage and its stars), and how much better the joint plan is than
/// picking the best pair one at a time, as a percentage; never the plan's raw sum of weighted scores.
/// </summary>
public static class FairWords
{
    public static double? GainPercent(double? plan, double? oneAtATime) =>
        plan is { } p && oneAtATime is { } g && g > 0 ? Math.Round(100 * (p - g) / g, 1) : null;

    public static string Quality(IStringLocalizer<SchedulingResource> text, double? averageScore, double? plan, double? oneAtATime)
    {
        if (averageScore is not { } average)
        {
            return text["PlanNobody"];
        }
        var quality = text["PlanQuality", MatchGrade.Percent(average), text["Stars_" + MatchGrade.Stars(average)]].Value;
        var gain = GainPercent(plan, oneAtATime) is { } g && g > 0
            ? text["PlanGain", g.ToString("0.#", System.Globalization.CultureInfo.CurrentCulture)].Value
            : text["PlanNoGain"].Value;
        return quality + text["Separator"] + gain;
    }
}
