using System.Globalization;
using System.Text.RegularExpressions;

namespace Employment.Core.Review;

/// <summary>The grounds a posting may not select people on (就业促进法 ch. 3: 公平就业).</summary>
public enum WordingKind { Gender, Ethnicity, HouseholdRegistration, MaritalStatus, Disability, Age }

/// <summary>One phrase a reviewer should look at, where it stands, and why.</summary>
public sealed record WordingFlag(WordingKind Kind, string Phrase, int Index, string ReasonZh, string ReasonEn)
{
    public string Reason(bool english) => english ? ReasonEn : ReasonZh;
}

/// <summary>What the check reads of a posting: its words, and what it declares about age and the body.</summary>
public sealed record WordingInput(string? Title, string? Description, int? MinAge = null, int? MaxAge = null,
    IReadOnlyCollection<string>? Demands = null);

/// <summary>
/// Flags wording that selects people by gender, ethnicity, household registration, marital or
/// childbearing status, disability where the work does not need it, or age beyond the limits the
/// position declares. It flags for a reviewer to judge; it never rejects by itself, and it reads
/// Chinese and English.
/// </summary>
public sealed class WordingCheck
{
    private sealed record Rule(WordingKind Kind, Regex Pattern, string ReasonZh, string ReasonEn, string? UnlessDemand = null);

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>Phrases that say the opposite of a rule's words ("男女不限"): blanked out before the rules run.</summary>
    private static readonly Regex Innocent = new(
        @"男女不限|不限男女|无性别要求|无户口要求|无户籍要求|无民族要求|无婚育要求|单身宿舍|单身公寓|男女均可|男女皆可|性别不限|不限性别|民族不限|不限民族|户籍不限|不限户籍|户口不限|不限户口|婚否不限|婚姻不限|不限婚育|" +
        @"残疾人优先|欢迎残疾人|适合残疾人|" +
        @"(?<![A-Za-z])(?:any gender|all genders|regardless of (?:gender|sex|ethnicity|marital status|hukou)|(?:men|males) and (?:women|females)|(?:women|females) and (?:men|males)|disabled applicants welcome)(?![A-Za-z])",
        Options);

    private static readonly Rule[] Rules =
    [
        new(WordingKind.Gender, Zh(@"(?:限|仅限|只限|只招|仅招|只要|要求|需|须)\s*(?:男|女)(?:性|士|生|工)?|(?:男|女)(?:性|士|生)\s*优先|性别\s*[:：]?\s*(?:要求\s*[:：]?\s*)?(?:男|女)"),
            "按性别限定或优先，违反公平就业要求（除国家规定不适合妇女的工种外）。",
            "Selects or prefers one gender, which fair-employment law forbids (outside the few jobs the state bars women from)."),
        new(WordingKind.Gender, En(@"(?:male|men|female|women)\s+(?:only|preferred|applicants only)|only\s+(?:male|men|female|women)|must be (?:a )?(?:male|female|man|woman)"),
            "按性别限定或优先，违反公平就业要求。",
            "Selects or prefers one gender, which fair-employment law forbids."),
        new(WordingKind.Ethnicity, Zh(@"汉族|(?:限|仅限|只招|只限)[\p{IsCJKUnifiedIdeographs}]{1,4}族|少数民族\s*(?:勿|不要|不招|除外|免谈)|(?:维吾尔|藏|回|彝)族\s*(?:勿|不要|不招|除外|免谈)|民族\s*[:：]\s*汉"),
            "按民族限定，违反公平就业要求。",
            "Selects by ethnicity, which fair-employment law forbids."),
        new(WordingKind.Ethnicity, En(@"han (?:chinese )?only|ethnic han|han ethnicity|no (?:ethnic )?minorities"),
            "按民族限定，违反公平就业要求。",
            "Selects by ethnicity, which fair-employment law forbids."),
        new(WordingKind.HouseholdRegistration, Zh(@"本(?:地|市|区|省)\s*(?:户口|户籍|户籍人员|常住户口)|(?:限|仅限|只招)[\p{IsCJKUnifiedIdeographs}]{0,4}(?:户口|户籍)|(?:城镇|农村|非农|外地)\s*(?:户口|户籍)|户口\s*要求|户籍\s*要求"),
            "按户籍限定，对外地和农村劳动者构成歧视。",
            "Selects by household registration (hukou), which discriminates against migrant and rural workers."),
        new(WordingKind.HouseholdRegistration, En(@"local hukou|hukou (?:required|holders? only)|local (?:household registration|residents only)|household registration required"),
            "按户籍限定，对外地和农村劳动者构成歧视。",
            "Selects by household registration (hukou), which discriminates against migrant and rural workers."),
        new(WordingKind.MaritalStatus, Zh(@"已婚已育|已婚未育|未婚未育|已婚|未婚|已育|未育|婚育|单身|无生育计划|暂无生育|不打算生育|(?:两|三)年内不(?:生育|要孩子|怀孕)|孕妇\s*(?:勿|不要|免谈)|不得怀孕"),
            "按婚姻或生育状况限定，违反妇女权益保障法。",
            "Selects by marital or childbearing status, which the Women's Rights Protection Law forbids."),
        new(WordingKind.MaritalStatus, En(@"unmarried|married(?: with children)?|single only|must be single|no (?:plans? (?:for|to have) )?(?:children|kids)|not pregnant|no pregnan\w*"),
            "按婚姻或生育状况限定，违反妇女权益保障法。",
            "Selects by marital or childbearing status, which the Women's Rights Protection Law forbids."),
        new(WordingKind.Disability, Zh(@"身体健全|肢体健全|四肢健全|身体无缺陷|无残疾|非残疾|没有残疾|五官端正|残疾人?\s*(?:勿|不要|免谈|除外)|身体健康无残疾"),
            "笼统排除残疾人：岗位要求应写成具体的工作需要（体力要求），而不是身体状况。",
            "Excludes disabled people wholesale: state what the work needs (its physical demands), not what a body must be."),
        new(WordingKind.Disability, En(@"able[- ]bodied|no disabilit(?:y|ies)|not disabled|free (?:of|from) (?:any )?disabilit(?:y|ies)|physically (?:sound|perfect)|good-looking|no handicap\w*"),
            "笼统排除残疾人：岗位要求应写成具体的工作需要（体力要求），而不是身体状况。",
            "Excludes disabled people wholesale: state what the work needs (its physical demands), not what a body must be."),
        new(WordingKind.Disability, Zh(@"视力(?:良好|正常|好)|裸眼视力|不近视"),
            "要求视力，但岗位未声明精细视觉要求：若工作确需，请在体力要求中勾选。",
            "Asks for eyesight, but the position declares no fine-vision demand: if the work needs it, tick it among the demands.",
            UnlessDemand: "fine_vision"),
        new(WordingKind.Disability, Zh(@"听力(?:良好|正常|好)|听力无障碍"),
            "要求听力，但岗位未声明听觉要求：若工作确需，请在体力要求中勾选。",
            "Asks for hearing, but the position declares no hearing demand: if the work needs it, tick it among the demands.",
            UnlessDemand: "hearing"),
        new(WordingKind.Disability, En(@"(?:good|perfect|normal) (?:eyesight|vision)"),
            "要求视力，但岗位未声明精细视觉要求。",
            "Asks for eyesight, but the position declares no fine-vision demand: if the work needs it, tick it among the demands.",
            UnlessDemand: "fine_vision"),
        new(WordingKind.Disability, En(@"(?:good|perfect|normal) hearing"),
            "要求听力，但岗位未声明听觉要求。",
            "Asks for hearing, but the position declares no hearing demand: if the work needs it, tick it among the demands.",
            UnlessDemand: "hearing"),
    ];

    // Ages in the text: a range, an upper bound, a lower bound. Each gives (min, max), either open.
    private static readonly Regex AgeRangeZh = new(@"(\d{2})\s*(?:周?岁)?\s*(?:-|－|~|～|—|–|至|到)\s*(\d{2})\s*周?岁", Options);
    private static readonly Regex AgeUpperZh = new(@"(\d{2})\s*周?岁\s*(?:以下|以内|之内)|年龄\s*(?:不超过|不超|小于|低于|不大于|不高于)\s*(\d{2})\s*周?岁?(?:\s*以下)?", Options);
    private static readonly Regex AgeLowerZh = new(@"(\d{2})\s*周?岁\s*以上|年龄\s*(?:不低于|不小于|大于|高于|满)\s*(\d{2})", Options);
    private static readonly Regex AgeRangeEn = new(@"(?<![A-Za-z])aged?\s*(?:between\s*)?(\d{2})\s*(?:-|–|to|and)\s*(\d{2})(?![0-9])", Options);
    // English numbers need an age word nearby: "under 20 kg" and "over 40 hours" are not ages.
    private static readonly Regex AgeUpperEn = new(@"(?<![A-Za-z])(?:aged?\s+(?:under|below)\s+(\d{2})|(?:younger than|under the age of|below the age of|no older than)\s+(\d{2})|(?:under|below)\s+(\d{2})\s*(?:years|yrs)|(\d{2})\s*(?:years old\s*)?or (?:younger|under))(?![0-9])", Options);
    private static readonly Regex AgeLowerEn = new(@"(?<![A-Za-z])(?:aged?\s+(?:over|above|at least)\s+(\d{2})|(?:older than|over the age of)\s+(\d{2})|(\d{2})\s*(?:years old\s*)?(?:or older|and (?:over|above)))(?![0-9])", Options);

    public IReadOnlyList<WordingFlag> Check(WordingInput input)
    {
        var text = string.Join("\n", new[] { input.Title, input.Description }.Where(t => !string.IsNullOrWhiteSpace(t)));
        if (text.Length == 0)
        {
            return [];
        }
        // Same length, so indexes still point into the posting as written.
        var scan = Innocent.Replace(text, m => new string(' ', m.Length));
        var demands = input.Demands ?? [];
        var flags = new List<WordingFlag>();
        foreach (var rule in Rules)
        {
            if (rule.UnlessDemand is { } demand && demands.Contains(demand))
            {
                continue;
            }
            foreach (Match m in rule.Pattern.Matches(scan))
            {
                flags.Add(new WordingFlag(rule.Kind, text.Substring(m.Index, m.Length), m.Index, rule.ReasonZh, rule.ReasonEn));
            }
        }
        flags.AddRange(AgeFlags(text, scan, input.MinAge, input.MaxAge));
        // One flag per place in the text: overlapping rules (已婚已育 and 已婚) say the same thing.
        var result = new List<WordingFlag>();
        foreach (var flag in flags.OrderBy(f => f.Index).ThenByDescending(f => f.Phrase.Length))
        {
            if (result.Count > 0 && result[^1].Kind == flag.Kind && flag.Index < result[^1].Index + result[^1].Phrase.Length)
            {
                continue;
            }
            result.Add(flag);
        }
        return result;
    }

    private static IEnumerable<WordingFlag> AgeFlags(string text, string scan, int? declaredMin, int? declaredMax)
    {
        var found = new List<(Match Match, int? Min, int? Max)>();
        foreach (var regex in new[] { AgeRangeZh, AgeRangeEn })
        {
            foreach (Match m in regex.Matches(scan))
            {
                found.Add((m, Number(m.Groups[1]), Number(m.Groups[2])));
            }
        }
        foreach (var regex in new[] { AgeUpperZh, AgeUpperEn })
        {
            foreach (Match m in regex.Matches(scan))
            {
                found.Add((m, null, First(m)));
            }
        }
        foreach (var regex in new[] { AgeLowerZh, AgeLowerEn })
        {
            foreach (Match m in regex.Matches(scan))
            {
                found.Add((m, First(m), null));
            }
        }
        // A range is also read as its own upper bound ("18-35岁" holds "35岁"); keep the widest match at each place.
        var kept = found.OrderBy(f => f.Match.Index).ThenByDescending(f => f.Match.Length).ToList();
        var end = -1;
        foreach (var (m, min, max) in kept)
        {
            if (m.Index < end)
            {
                continue;
            }
            end = m.Index + m.Length;
            var tooHigh = min is { } lo && lo > (declaredMin ?? 16);
            var tooLow = max is { } hi && (declaredMax is null || hi < declaredMax);
            if (!tooHigh && !tooLow)
            {
                continue;
            }
            var declared = (declaredMin, declaredMax) switch
            {
                (null, null) => ("未声明年龄限制", "declares no age limits"),
                _ => (string.Create(CultureInfo.InvariantCulture, $"声明的年龄为 {declaredMin?.ToString(CultureInfo.InvariantCulture) ?? "不限"}–{declaredMax?.ToString(CultureInfo.InvariantCulture) ?? "不限"} 岁"),
                      string.Create(CultureInfo.InvariantCulture, $"declares ages {declaredMin?.ToString(CultureInfo.InvariantCulture) ?? "any"}–{declaredMax?.ToString(CultureInfo.InvariantCulture) ?? "any"}")),
            };
            yield return new WordingFlag(WordingKind.Age, text.Substring(m.Index, m.Length), m.Index,
                $"文字中的年龄要求超出岗位{declared.Item1}：年龄限制须有工作上的理由，并在年龄字段中声明。",
                $"The text limits age beyond what the position {declared.Item2}: an age limit needs a reason in the work and belongs in the age fields.");
        }
    }

    private static int? Number(Group g) =>
        g.Success && int.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static int? First(Match m) => m.Groups.Cast<Group>().Skip(1).Select(Number).FirstOrDefault(n => n is not null);

    private static Regex Zh(string pattern) => new(pattern, Options);

    private static Regex En(string pattern) => new(@"(?<![A-Za-z])(?:" + pattern + @")(?![A-Za-z])", Options);
}
