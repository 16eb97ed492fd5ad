using System.Reflection;
using System.Text;

namespace Employment.Core.Search;

/// <summary>
/// Toneless pinyin of Chinese words, from seed-data/pinyin/pinyin.tsv (embedded; generated once from
/// pinyin-pro, MIT). A person who cannot type characters types what they say: 保洁 is "baojie" or
/// its initials "bj".
/// </summary>
public static class Pinyin
{
    /// <summary>Readings of one word beyond this many are not spelled out: a title word is two to four characters.</summary>
    private const int MaxSpellings = 4;

    private static readonly Lazy<Dictionary<char, string[]>> Table = new(Load);

    /// <summary>The readings of a character, most common first; empty for anything that is not a Han character in the table.</summary>
    public static IReadOnlyList<string> Readings(char c) => Table.Value.TryGetValue(c, out var r) ? r : [];

    public static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    public static bool HasHan(string text) => text.Any(IsHan);

    /// <summary>
    /// Full spellings of a word ("baojie"), the most common reading first, then the other readings of
    /// its polyphonic characters (银行: yinxing, yinhang), at most <see cref="MaxSpellings"/>. ASCII
    /// letters and digits stay as they are; anything else is dropped. Empty when nothing is left.
    /// </summary>
    public static IReadOnlyList<string> Spellings(string word) => Syllables(word).Select(s => string.Concat(s)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Initials of each spelling (保洁 → "bj"); only for words of two characters or more.</summary>
    public static IReadOnlyList<string> Initials(string word) =>
        word.Count(IsHan) < 2 ? [] : Syllables(word).Select(s => string.Concat(s.Select(x => x[0]))).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The most common full spelling, or null for a word with no Han character.</summary>
    public static string? Spelling(string word) => HasHan(word) ? Spellings(word).FirstOrDefault() : null;

    private static List<string[]> Syllables(string word)
    {
        var spellings = new List<List<string>> { new() };
        foreach (var c in word.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                foreach (var s in spellings)
                {
                    s.Add(c.ToString());
                }
                continue;
            }
            var readings = Readings(c);
            if (readings.Count == 0)
            {
                continue;
            }
            var next = new List<List<string>>();
            foreach (var reading in readings)
            {
                foreach (var s in spellings)
                {
                    if (next.Count >= MaxSpellings && reading != readings[0])
                    {
                        break;
                    }
                    next.Add([.. s, reading]);
                }
            }
            spellings = next;
        }
        return spellings.Where(s => s.Count > 0).Select(s => s.ToArray()).ToList();
    }

    private static Dictionary<char, string[]> Load()
    {
        using var stream = typeof(Pinyin).Assembly.GetManifestResourceStream("pinyin/pinyin.tsv")
            ?? throw new InvalidOperationException("the pinyin table is not embedded in Employment.Core");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<char, string[]>(21000);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var tab = line.IndexOf('\t');
            if (tab != 1 || line.Length < 3)
            {
                throw new InvalidDataException($"pinyin.tsv line {number}: expected one character, a tab and its readings");
            }
            table[line[0]] = line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        return table;
    }
}
