using System.Globalization;
using Employment.Core.Domain;
using Employment.Core.Households;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Counselor;

/// <summary>Names of codes and enums in the reader's language, from the counselor resources and the taxonomy.</summary>
public static class CounselorText
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Term(string code) => Core.Taxonomy.Taxonomy.Embedded.Find(code)?.Name(English) ?? code;

    public static string Skills(IEnumerable<string> codes) => string.Join(English ? ", " : "、", codes.Select(Term));

    public static string Of<T>(this IStringLocalizer text, T value) where T : struct, Enum =>
        text[typeof(T).Name + "_" + value];

    public static string Of<T>(this IStringLocalizer text, T? value) where T : struct, Enum =>
        value is { } v ? text.Of(v) : text["None"];

    public static string Money(decimal value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>The district's calendar day of an instant (a time stamp at 01:00 Beijing is that day, not the UTC day before).</summary>
    public static string Date(TimeProvider clock, DateTime? utc) => utc is { } d ? clock.DayOf(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    public static string BandClass(IncomeBand band) => band switch
    {
        IncomeBand.BelowDibaoLine => "band-dibao",
        IncomeBand.BelowEdgeLine => "band-edge",
        _ => "band-above",
    };
}
