namespace Employment.Core.Employers;

/// <summary>
/// The 统一社会信用代码 of GB 32100-2015: 18 characters from 0-9 and the capitals without I, O, S,
/// V and Z; the last is a check character over the first 17 (weights 3^i mod 31, value 31 − sum mod 31).
/// One home for the rule: registration, the importer and any form call it.
/// </summary>
public static class CreditCode
{
    public const int Length = 18;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>As people type it: spaces and hyphens dropped, letters in capitals.</summary>
    public static string Normalize(string code) =>
        new(code.Where(c => c is not (' ' or '-' or '\u3000')).Select(char.ToUpperInvariant).ToArray());

    /// <summary>Null when the normalized code is well formed and its check character is right; else the error code.</summary>
    public static string? Check(string normalized)
    {
        if (normalized.Length != Length || normalized.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return ErrorCodes.Format;
        }
        return normalized[^1] == CheckCharacter(normalized) ? null : ErrorCodes.CheckCharacter;
    }

    /// <summary>The check character the first 17 characters call for.</summary>
    public static char CheckCharacter(string code)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += Alphabet.IndexOf(code[i], StringComparison.Ordinal) * Weights[i];
        }
        var value = 31 - sum % 31;
        return Alphabet[value == 31 ? 0 : value];
    }
}
