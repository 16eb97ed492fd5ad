namespace Employment.Core.Reports;

/// <summary>
/// Statistical disclosure control for figures shown to the public (the big screen): a count from 1
/// to k−1 could point at a family in a street, so it is withheld. When a series has exactly one
/// withheld cell and its total is shown, that cell could be recovered by subtraction, so the
/// smallest other non-zero cell is withheld too (secondary suppression). Zero reveals nobody.
/// </summary>
public static class SmallCounts
{
    public static bool IsSmall(int count, int threshold) => count > 0 && count < threshold;

    /// <summary>The cells with the small ones (and, where needed, one more) replaced by null.</summary>
    public static int?[] Suppress(IReadOnlyList<int> cells, int threshold)
    {
        var result = cells.Select(c => IsSmall(c, threshold) ? (int?)null : c).ToArray();
        if (result.Count(r => r is null) == 1)
        {
            var next = Enumerable.Range(0, result.Length)
                .Where(i => result[i] is > 0)
                .OrderBy(i => result[i]).ThenBy(i => i)
                .Cast<int?>()
                .FirstOrDefault();
            if (next is { } i)
            {
                result[i] = null;
            }
        }
        return result;
    }

    /// <summary>
    /// A rate for the public: withheld when its numerator or denominator is small, since with the
    /// denominator shown the rate gives the numerator away.
    /// </summary>
    public static double? Rate(double? rate, int numerator, int denominator, int threshold) =>
        rate is null || IsSmall(numerator, threshold) || IsSmall(denominator, threshold) ? null : rate;
}
