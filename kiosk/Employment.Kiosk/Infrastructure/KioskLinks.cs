using System.Globalization;
using Employment.Core.Kiosk;

namespace Employment.Kiosk.Infrastructure;

/// <summary>The results page's choices as query-string values, carried through every link so "back" and paging keep them.</summary>
public sealed record KioskListState(string? Group, bool PublicWelfare, string? Access, bool Near, string? Street, string? Text, KioskSort Sort, int Page)
{
    public string Query(KioskSort? sort = null, int? page = null, string? street = null, bool? near = null)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("group", Group);
        Add("pw", PublicWelfare ? "1" : null);
        Add("access", Access);
        Add("near", (near ?? Near) ? "1" : null);
        Add("street", street ?? Street);
        Add("q", Text);
        var s = sort ?? Sort;
        Add("sort", s == KioskSort.Best ? null : s.ToString().ToLowerInvariant());
        var p = page ?? Page;
        Add("page", p > 1 ? p.ToString(CultureInfo.InvariantCulture) : null);
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    /// <summary>
    /// The search form sends the typed text and, when a word key was touched, that word too
    /// (both named q): the last one given wins.
    /// </summary>
    public static string? LastText(string[]? values) => values?.LastOrDefault(v => !string.IsNullOrWhiteSpace(v));

    public static KioskSort ParseSort(string? sort) => sort switch
    {
        "distance" => KioskSort.Distance,
        "pay" => KioskSort.Pay,
        "newest" => KioskSort.Newest,
        _ => KioskSort.Best,
    };

    /// <summary>Only known values get through: everything else of a hostile query string is dropped.</summary>
    public static KioskListState From(string? group, string? pw, string? access, string? near, string? street, string? q, string? sort, int page) => new(
        group is not null && KioskCatalog.AllGroups.Contains(group, StringComparer.Ordinal) ? group : null,
        pw == "1",
        access is not null && KioskAccess.All.Contains(access, StringComparer.Ordinal) ? access : null,
        near == "1",
        street is { Length: > 0 and <= 12 } && street.All(char.IsAsciiDigit) ? street : null,
        string.IsNullOrWhiteSpace(q) ? null : Trim(q.Trim(), 60),
        ParseSort(sort),
        Math.Clamp(page, 1, 10_000));

    private static string Trim(string text, int max)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= max ? text : info.SubstringByTextElements(0, max);
    }

    public KioskQuery ToQuery(int pageSize) => new()
    {
        Group = Group, PublicWelfare = PublicWelfare, Access = Access, Near = Near, Street = Street, Text = Text,
        Sort = Sort, Page = Page, PageSize = pageSize,
    };
}

/// <summary>Numbers as the kiosk says them.</summary>
public static class KioskFormat
{
    public static string Km(double km) => km.ToString(km < 10 ? "0.0" : "0", CultureInfo.CurrentCulture);

    public static string Money(double amount) => amount.ToString("N0", CultureInfo.CurrentCulture);

    public static string Hours(double hours) => hours.ToString("0.#", CultureInfo.CurrentCulture);
}
