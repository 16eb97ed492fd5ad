using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.RegularExpressions;
using Employment.Core.Domain;
using Employment.Tests.Infrastructure;

namespace Employment.Tests.Foundation;

/// <summary>
/// One refusal type from Core, one sentence per code in each language, localized in one place:
/// no English sentence reaches a Chinese page from a refusal.
/// </summary>
public sealed partial class RefusalTests
{
    /// <summary>Three Latin words in a row: a sentence, not a code such as "PIN" or "B2".</summary>
    [GeneratedRegex(@"[A-Za-z]{2,}[\s,.;:'-]+[A-Za-z]{2,}[\s,.;:'-]+[A-Za-z]{2,}")]
    private static partial Regex LatinSentence();

    private static readonly ResourceManager Sentences = new("Employment.Web.Resources.RefusalResource", typeof(Employment.Web.RefusalResource).Assembly);

    public static TheoryData<string> Codes() => [.. RefusalCodes.All];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_refusal_code_has_a_Chinese_sentence_without_English_and_an_English_one(string code)
    {
        var zh = Sentences.GetString("Refusal_" + code, CultureInfo.GetCultureInfo("zh-CN"));
        var en = Sentences.GetString("Refusal_" + code, CultureInfo.GetCultureInfo("en"));

        Assert.False(string.IsNullOrWhiteSpace(zh), $"no zh-CN sentence for {code}");
        Assert.False(string.IsNullOrWhiteSpace(en), $"no English sentence for {code}");
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", zh);
        // The figures' placeholders ({0:yyyy-MM-dd}) are formats, not words.
        Assert.DoesNotMatch(LatinSentence(), Regex.Replace(zh, @"\{[^}]*\}", ""));
        Assert.NotEqual(zh, en);
    }

    [Fact]
    public void Core_refuses_only_with_the_one_refusal_type_and_a_known_code()
    {
        var core = Path.Combine(Engine.MatchCliTests.RepoRoot(), "src", "Employment.Core");
        var sources = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: f, Text: File.ReadAllText(f))).ToList();

        // No other exception type of our own carries a refusal (the dataset's list of errors is the contract's, for the CLI).
        var own = sources.SelectMany(s => Regex.Matches(s.Text, @"class (\w+Exception)\b").Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.Equal(["AccountException", "DatasetException", "FieldErrorsException", "RefusalException"], own.Order().ToArray());

        // Every refusal names its code by constant, so the sentence check above covers it.
        var throws = sources.SelectMany(s => Regex.Matches(s.Text, @"new RefusalException\((?<args>[^;]*)").Select(m => (s.File, m.Groups["args"].Value))).ToList();
        Assert.NotEmpty(throws);
        // (or passes on the code of a validation that named it so: the ledger's list of problems.)
        Assert.All(throws, t => Assert.True(t.Value.Contains("RefusalCodes.", StringComparison.Ordinal) || t.Value.Contains("].Code", StringComparison.Ordinal),
            $"{Path.GetFileName(t.File)}: new RefusalException({t.Value[..Math.Min(80, t.Value.Length)]}"));
    }
}
