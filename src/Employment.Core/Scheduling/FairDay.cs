using System.Globalization;
using System.Text.RegularExpressions;

namespace Employment.Core.Scheduling;

/// <summary>
/// The fair's day as people say it: the n-th (or last) weekday of one month of every quarter, at a
/// time of day (送岗位招聘会 are quarterly). An administrator picks the next fair's date and time; the
/// rule behind it (and the Quartz cron behind the rule) repeats that weekday every quarter, so
/// nobody edits a cron expression by hand.
/// </summary>
public sealed partial record FairDay(int MonthOfQuarter, int Week, DayOfWeek Weekday, TimeOnly Time)
{
    /// <summary><see cref="Week"/> of a day in the month's last days (29th–31st): the last such weekday of the month.</summary>
    public const int Last = 5;

    /// <summary>The rule that holds a fair on <paramref name="date"/> at <paramref name="time"/> and on the same weekday of every quarter.</summary>
    public static FairDay Of(DateOnly date, TimeOnly time) =>
        new((date.Month - 1) % 3 + 1, Math.Min((date.Day - 1) / 7 + 1, Last), date.DayOfWeek, new TimeOnly(time.Hour, time.Minute));

    /// <summary>The cron the <c>fair</c> trigger runs on (Quartz: 1 = Sunday … 7 = Saturday; 7#2 the second Saturday, 7L the last).</summary>
    public string Cron
    {
        get
        {
            var months = string.Join(",", Enumerable.Range(0, 4).Select(q => (MonthOfQuarter + q * 3).ToString(CultureInfo.InvariantCulture)));
            var weekday = ((int)Weekday + 1).ToString(CultureInfo.InvariantCulture);
            var which = Week == Last ? weekday + "L" : weekday + "#" + Week.ToString(CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"0 {Time.Minute} {Time.Hour} ? {months} {which}");
        }
    }

    /// <summary>The rule a cron of this shape says; null for any other cron (one set from the CLI, say), which the page then shows as it is.</summary>
    public static FairDay? FromCron(string? cron)
    {
        var match = cron is null ? null : CronShape().Match(cron.Trim());
        if (match is null || !match.Success)
        {
            return null;
        }
        var months = match.Groups["months"].Value.Split(',').Select(m => int.Parse(m, CultureInfo.InvariantCulture)).ToList();
        var first = months.Min();
        if (first > 3 || !months.Order().SequenceEqual(Enumerable.Range(0, 4).Select(q => first + q * 3)))
        {
            return null;
        }
        var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture);
        var weekday = int.Parse(match.Groups["weekday"].Value, CultureInfo.InvariantCulture);
        if (hour > 23 || minute > 59 || weekday is < 1 or > 7)
        {
            return null;
        }
        var week = match.Groups["last"].Success ? Last : int.Parse(match.Groups["week"].Value, CultureInfo.InvariantCulture);
        return week is < 1 or > 4 && week != Last ? null : new FairDay(first, week, (DayOfWeek)(weekday - 1), new TimeOnly(hour, minute));
    }

    [GeneratedRegex(@"^0 (?<minute>\d{1,2}) (?<hour>\d{1,2}) \? (?<months>\d{1,2}(,\d{1,2}){3}) (?<weekday>[1-7])(#(?<week>[1-5])|(?<last>L))$")]
    private static partial Regex CronShape();
}
