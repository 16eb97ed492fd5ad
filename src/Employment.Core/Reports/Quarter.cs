using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Employment.Core.Reports;

/// <summary>A calendar quarter, written as the program writes it: 2026Q4.</summary>
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    public const int MinYear = 2000;
    public const int MaxYear = 2099;

    public DateOnly FirstDay => new(Year, (Number - 1) * 3 + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    public Quarter Previous() => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public Quarter Next() => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);

    public bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    public static Quarter Of(DateOnly day) => new(day.Year, (day.Month - 1) / 3 + 1);

    /// <summary>The quarter and the ones before it, oldest first.</summary>
    public IReadOnlyList<Quarter> LastQuarters(int count)
    {
        var result = new Quarter[Math.Max(1, count)];
        var q = this;
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = q;
            q = q.Previous();
        }
        return result;
    }

    public int CompareTo(Quarter other) => (Year * 4 + Number).CompareTo(other.Year * 4 + other.Number);

    public static bool operator <(Quarter a, Quarter b) => a.CompareTo(b) < 0;
    public static bool operator >(Quarter a, Quarter b) => a.CompareTo(b) > 0;
    public static bool operator <=(Quarter a, Quarter b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Quarter a, Quarter b) => a.CompareTo(b) >= 0;

    public override string ToString() => Year.ToString("0000", CultureInfo.InvariantCulture) + "Q" + Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Accepts YYYYQn (Q or q, n 1..4); anything else is refused with the reason.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Quarter quarter, out string? error)
    {
        quarter = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length != 6 || (text[4] != 'Q' && text[4] != 'q')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || text[5] is < '1' or > '4')
        {
            error = $"'{text}' is not a quarter: write the year and the quarter number, e.g. 2026Q4";
            return false;
        }
        if (year is < MinYear or > MaxYear)
        {
            error = $"'{text}': the year must be between {MinYear} and {MaxYear}";
            return false;
        }
        quarter = new Quarter(year, text[5] - '0');
        error = null;
        return true;
    }

    public static Quarter Parse(string text) =>
        TryParse(text, out var quarter, out var error) ? quarter : throw new FormatException(error);
}
