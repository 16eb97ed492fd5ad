namespace Employment.Core.Domain;

/// <summary>
/// The one set of bounds for what people type and files carry: the importer, the employer and
/// counselor forms and the API all check against these, so nothing gets in one way that another
/// would refuse. The limits match the database columns where there is one.
/// </summary>
public static partial class InputRules
{
    public const int IdMax = 64;
    public const int PersonNameMax = 100;
    public const int EmployerNameMax = 200;
    public const int TitleMax = 200;
    public const int DescriptionMax = 4000;
    public const int AddressMax = 300;
    public const int RegionNameMax = 100;
    /// <summary>A stated reason: for a change, a category the lines do not give, an archive, an erase.</summary>
    public const int ReasonMax = 500;
    public const int PhoneMax = 50;
    public const int AgeMin = 0;
    public const int AgeMax = 120;

    /// <summary>The one monthly wage ceiling (yuan): offered, desired and hired wages alike.</summary>
    public const decimal MonthlyWageMax = 100_000m;

    /// <summary>A household's monthly income and the district's lines (yuan a month).</summary>
    public const decimal MonthlyIncomeMax = 1_000_000m;

    public const decimal LineMax = 100_000m;
    public const int HouseholdSizeMax = 50;
    public const int HeadcountMax = 1000;
    /// <summary>A training course's seats.</summary>
    public const int SeatsMax = 10_000;
    public const double HoursPerWeekMax = 84;
    public const double CommuteKmMax = 300;

    /// <summary>A coordinate typed for the district must land within this margin (degrees) of its streets.</summary>
    public const double DistrictMarginDegrees = 0.5;

    /// <summary>Where no street has a centre yet: mainland China's box, so 0,0 is still refused.</summary>
    public static readonly GeoBox China = new(18, 54, 73, 135);

    /// <summary>A landline with area code or a mobile number, with the separators people type (+86, spaces, dashes, brackets).</summary>
    public static bool IsPhone(string phone) => PhonePattern().IsMatch(phone.Trim());

    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9][0-9 \-()]{5,19}$")]
    private static partial System.Text.RegularExpressions.Regex PhonePattern();

    /// <summary>Why a text may not be stored, as a stable code (<see cref="TextProblems"/>); null when it may.</summary>
    /// <param name="multiline">Descriptions and notes may hold line breaks and tabs; names and titles may not.</param>
    public static string? TextProblem(string text, int max, bool multiline = false)
    {
        if (text.Length > max)
        {
            return TextProblems.TooLong;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                return TextProblems.LoneSurrogate;
            }
            if (char.IsLowSurrogate(c))
            {
                return TextProblems.LoneSurrogate;
            }
            if (c is '\n' or '\r' or '\t')
            {
                if (!multiline)
                {
                    return TextProblems.ControlCharacter;
                }
                continue;
            }
            // C0, DEL and C1 controls (NUL, ESC …): invisible, and they break terminals, CSV and logs.
            if (c < ' ' || c is >= '\u007f' and <= '\u009f')
            {
                return TextProblems.ControlCharacter;
            }
            // Bidirectional embeddings, overrides and isolates: they make a name read differently
            // from what it holds (Trojan Source, CVE-2021-42574).
            if (c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069')
            {
                return TextProblems.BidiControl;
            }
        }
        return null;
    }

    /// <summary>The words for <see cref="TextProblem"/>'s codes in the importer's English messages.</summary>
    public static string Describe(string problem, int max) => problem switch
    {
        TextProblems.TooLong => $"is longer than {max} characters",
        TextProblems.LoneSurrogate => "holds a lone UTF-16 surrogate (not a character)",
        TextProblems.ControlCharacter => "holds a control character (NUL, ESC, a line break …)",
        TextProblems.BidiControl => "holds a bidirectional override character",
        _ => problem,
    };
}

/// <summary>The codes <see cref="InputRules.TextProblem"/> answers with; each page's resources have words for them.</summary>
public static class TextProblems
{
    public const string TooLong = "too_long";
    public const string LoneSurrogate = "lone_surrogate";
    public const string ControlCharacter = "control_character";
    public const string BidiControl = "bidi_control";
}

/// <summary>A box of latitudes and longitudes.</summary>
public readonly record struct GeoBox(double MinLat, double MaxLat, double MinLon, double MaxLon)
{
    public bool Contains(double lat, double lon) => lat >= MinLat && lat <= MaxLat && lon >= MinLon && lon <= MaxLon;

    /// <summary>The box around the given points, widened by <paramref name="margin"/> degrees; <see cref="InputRules.China"/> when there are none.</summary>
    public static GeoBox Around(IReadOnlyCollection<(double Lat, double Lon)> points, double margin) =>
        points.Count == 0
            ? InputRules.China
            : new(points.Min(p => p.Lat) - margin, points.Max(p => p.Lat) + margin, points.Min(p => p.Lon) - margin, points.Max(p => p.Lon) + margin);

    public override string ToString() =>
        FormattableString.Invariant($"lat {MinLat:0.###}–{MaxLat:0.###}, lon {MinLon:0.###}–{MaxLon:0.###}");
}
