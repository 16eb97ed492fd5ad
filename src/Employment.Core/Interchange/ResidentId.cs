using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Employment.Core.Interchange;

/// <summary>
/// The 18-character resident identity number of GB 11643-1999 (居民身份证号码): a 6-digit division
/// code, an 8-digit birth date, a 3-digit sequence and a check character. It is personal data:
/// show it only through <see cref="Mask"/>.
/// </summary>
public static class ResidentId
{
    private const int Length = 18;
    private const string CheckCharacters = "10X98765432";
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    // The province-level codes of GB/T 2260, which every division code begins with. Checking the
    // province catches a mistyped or invented number without shipping the whole division table.
    private static readonly HashSet<string> Provinces =
    [
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82",
    ];

    /// <summary>
    /// Checks length, digits, division, birth date (a real date from 1900 up to <paramref name="today"/>)
    /// and the check character. On success <paramref name="normalised"/> is the number with surrounding
    /// space removed and a lower-case check <c>x</c> made upper-case; on failure it is empty and
    /// <paramref name="problem"/> says what is wrong in a few English words.
    /// </summary>
    public static bool TryValidate(string? value, DateOnly today, out string normalised, [NotNullWhen(false)] out string? problem)
    {
        var candidate = value?.Trim().ToUpperInvariant();
        problem = FindProblem(candidate, today);
        normalised = problem is null ? candidate! : "";
        return problem is null;
    }

    /// <summary>The first 6 and last 4 characters, e.g. <c>510104********1234</c>: division and
    /// sequence stay readable for telling people apart, the birth date never shows.</summary>
    public static string Mask(string id)
    {
        // Something that is not a resident ID may still be someone's identifying number, so none of it shows.
        if (id.Length != Length)
        {
            return new string('*', id.Length);
        }
        return string.Concat(id.AsSpan(0, 6), "********", id.AsSpan(Length - 4));
    }

    private static string? FindProblem(string? id, DateOnly today)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "must not be empty";
        }
        if (id.Length != Length)
        {
            return $"must be {Length} characters, not {id.Length}";
        }
        if (id.AsSpan(0, Length - 1).ContainsAnyExceptInRange('0', '9'))
        {
            return "the first 17 characters must be digits";
        }
        var given = id[Length - 1];
        if (!char.IsAsciiDigit(given) && given != 'X')
        {
            return "the last character must be a digit or X";
        }
        if (!Provinces.Contains(id[..2]))
        {
            return $"division {id[..6]} is not in a Chinese province";
        }
        var birth = id.Substring(6, 8);
        if (!DateOnly.TryParseExact(birth, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            return $"birth date {birth} is not a date";
        }
        if (birthDate < EarliestBirthDate)
        {
            return $"birth date {birth} is before 1900";
        }
        if (birthDate > today)
        {
            return $"birth date {birth} is in the future";
        }
        var expected = CheckCharacter(id);
        return given == expected ? null : $"check digit should be {expected}";
    }

    private static char CheckCharacter(string id)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (id[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }
}
