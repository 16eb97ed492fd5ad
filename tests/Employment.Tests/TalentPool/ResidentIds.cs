using System.Globalization;

namespace Employment.Tests.TalentPool;

/// <summary>Valid resident ID numbers for tests (GB 11643 check character), distinct per call.</summary>
public static class ResidentIds
{
    private static int _next = Random.Shared.Next(100, 800);

    public static string Next(string division = "510104", string birth = "19800101")
    {
        var sequence = Interlocked.Increment(ref _next) % 1000;
        var body = division + birth + sequence.ToString("000", CultureInfo.InvariantCulture);
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * weights[i];
        }
        return body + "10X98765432"[sum % 11];
    }

    /// <summary>A name nobody in the demo district has, for finding and grepping.</summary>
    public static string UniqueName(string prefix = "测试") =>
        prefix + string.Concat(Guid.NewGuid().ToString("N")[..6].Select(c => (char)('甲' + (c % 10))));
}
