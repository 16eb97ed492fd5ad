using System.Globalization;
using Employment.Core.Taxonomy;

namespace Employment.Core.Matching;

/// <summary>Reason codes: stable identifiers, rendered by <see cref="ReasonText"/>.</summary>
public static class ReasonCodes
{
    public const string RequiredSkill = "skill.required";
    public const string RequiredCertificate = "skill.required.certificate";
    public const string RelatedSkill = "skill.related";
    public const string MissingSkill = "skill.missing";
    public const string MissingCertificate = "skill.missing.certificate";
    public const string PreferredSkill = "skill.preferred";
    public const string AccommodationHelps = "accommodation.helps";
    public const string Distance = "location.distance";
    public const string Remote = "location.remote";
    public const string RemotePreferred = "location.remote.preferred";
    public const string WageMeetsDesired = "pay.desired.met";
    public const string WageBelowDesired = "pay.desired.below";
    public const string LiftsAboveDibao = "pay.lifts.dibao";
    public const string LiftsAboveEdge = "pay.lifts.edge";
    public const string PublicWelfareDibao = "priority.dibao";
    public const string PublicWelfareExtreme = "priority.extreme";
    public const string PublicWelfareZeroEmployment = "priority.zero_employment";
    public const string PublicWelfareOthersFirst = "priority.others_first";
    public const string TextMatch = "text.match";
    public const string LongWeek = "hours.long_week";

    /// <summary>Reasons that count against a match: shown as what they are (a caution), never under a tick.</summary>
    public static bool IsDrawback(string code) => code is MissingSkill or MissingCertificate or WageBelowDesired or LongWeek;
}

/// <summary>
/// One reason, as data: a code and its arguments. Taxonomy codes among the arguments are wrapped
/// in <see cref="TermArg"/> so each language gets its own name for them.
/// </summary>
public sealed record MatchReason(string Code, params object[] Args)
{
    public override string ToString() => ReasonText.Format(this, CultureInfo.GetCultureInfo("zh-CN"));
}

/// <summary>A taxonomy code in a reason, named in the reader's language.</summary>
public readonly record struct TermArg(string Code);

/// <summary>A skill level (1 basic, 2 experienced, 3 expert) in a reason.</summary>
public readonly record struct LevelArg(int Level);

/// <summary>Every reason sentence, in Chinese (the default) and English. No reason text lives anywhere else.</summary>
public static class ReasonText
{
    private static readonly Dictionary<string, (string Zh, string En)> Templates = new(StringComparer.Ordinal)
    {
        [ReasonCodes.RequiredSkill] = ("具备必需技能：{0}（{1}）", "Has required skill: {0} ({1})"),
        [ReasonCodes.RequiredCertificate] = ("持有所需证书：{0}", "Holds required licence: {0}"),
        [ReasonCodes.RelatedSkill] = ("具备相关技能：{1}（接近{0}）", "Has related skill: {1} (close to {0})"),
        [ReasonCodes.MissingSkill] = ("缺少必需技能：{0}", "Lacks required skill: {0}"),
        [ReasonCodes.MissingCertificate] = ("需先取得{0}", "Needs the licence first: {0}"),
        [ReasonCodes.LongWeek] = ("每周 {0:0} 小时，对部分劳动能力者偏长", "{0:0} hours a week: long for partial working capacity"),
        [ReasonCodes.PreferredSkill] = ("具备优先技能：{0}（{1}）", "Has preferred skill: {0} ({1})"),
        [ReasonCodes.AccommodationHelps] = ("提供{0}", "Offers {0}"),
        [ReasonCodes.Distance] = ("距家 {0:0.0} 公里", "{0:0.0} km from home"),
        [ReasonCodes.Remote] = ("居家远程岗位", "Remote work from home"),
        [ReasonCodes.RemotePreferred] = ("居家远程岗位，符合本人意愿", "Remote work from home, as preferred"),
        [ReasonCodes.WageMeetsDesired] = ("月薪 {0:N0} 元，达到期望（{1:N0} 元）", "Pays {0:N0} CNY a month, meeting the desired {1:N0} CNY"),
        [ReasonCodes.WageBelowDesired] = ("月薪 {0:N0} 元，低于期望（{1:N0} 元）", "Pays {0:N0} CNY a month, below the desired {1:N0} CNY"),
        [ReasonCodes.LiftsAboveDibao] = ("工资使家庭人均收入超过低保线（{0:N0} 元 ≥ {1:N0} 元）", "The wage lifts household income per head above the dibao line ({0:N0} CNY ≥ {1:N0} CNY)"),
        [ReasonCodes.LiftsAboveEdge] = ("工资使家庭人均收入超过低保边缘线（{0:N0} 元 ≥ {1:N0} 元）", "The wage lifts household income per head above the edge line ({0:N0} CNY ≥ {1:N0} CNY)"),
        [ReasonCodes.PublicWelfareDibao] = ("公益性岗位，低保家庭优先", "Public-welfare position: dibao households first"),
        [ReasonCodes.PublicWelfareExtreme] = ("公益性岗位，特困家庭优先", "Public-welfare position: extremely poor households first"),
        [ReasonCodes.PublicWelfareZeroEmployment] = ("公益性岗位，零就业家庭优先", "Public-welfare position: zero-employment households first"),
        [ReasonCodes.PublicWelfareOthersFirst] = ("公益性岗位，优先安排低保、特困和零就业家庭", "Public-welfare position: dibao, extremely poor and zero-employment households come first"),
        [ReasonCodes.TextMatch] = ("与检索词相关", "Matches the search words"),
        [Training.TrainingReasonCodes.Unlocks] = ("学完可应聘 {0} 个岗位", "Opens {0} positions"),
        [Training.TrainingReasonCodes.UnlocksNearest] = ("学完可应聘 {0} 个岗位；最近的 {1:0.0} 公里", "Opens {0} positions; the nearest {1:0.0} km away"),
        [Training.TrainingReasonCodes.UnlocksWelfare] = ("学完可应聘 {0} 个岗位，其中 {1} 个公益性岗位", "Opens {0} positions, {1} of them public-welfare"),
        [Training.TrainingReasonCodes.UnlocksWelfareNearest] = ("学完可应聘 {0} 个岗位，其中 {1} 个公益性岗位；最近的 {2:0.0} 公里", "Opens {0} positions, {1} of them public-welfare; the nearest {2:0.0} km away"),
        [Training.TrainingReasonCodes.UnlocksNothing] = ("学完暂无新增可应聘岗位", "Opens no new position for now"),
        [Training.TrainingReasonCodes.BestPay] = ("其中最高月薪 {0:N0} 元", "Best of them pays {0:N0} CNY a month"),
        [Training.TrainingReasonCodes.OrderBased] = ("订单培训：学完直接推荐到 {0} 个承诺岗位", "Order-based: completers are referred to {0} promised positions"),
        [Training.TrainingReasonCodes.Teaches] = ("学习{0}（{1}）", "Teaches {0} ({1})"),
        [Training.TrainingReasonCodes.Subsidized] = ("政府补贴培训，困难家庭免费", "Subsidised: free for registered households"),
        [Training.TrainingReasonCodes.Distance] = ("培训地点距家 {0:0.0} 公里", "Taught {0:0.0} km from home"),
        [Training.TrainingReasonCodes.Online] = ("线上授课", "Taught online"),
        [Training.TrainingReasonCodes.Starts] = ("{0} 开课（{1} 天后）", "Starts {0} (in {1} days)"),
    };

    private static readonly string[] LevelsZh = ["", "入门", "熟练", "精通"];
    private static readonly string[] LevelsEn = ["", "basic", "experienced", "expert"];

    /// <summary>Every code that has a sentence; tests check each renders in both languages.</summary>
    public static IEnumerable<string> Codes => Templates.Keys;

    /// <summary>The reason as a sentence; English for an English culture, Chinese otherwise.</summary>
    public static string Format(MatchReason reason, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.GetCultureInfo("zh-CN");
        var english = culture.TwoLetterISOLanguageName == "en";
        if (!Templates.TryGetValue(reason.Code, out var template))
        {
            return reason.Code;
        }
        var args = new object[reason.Args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = reason.Args[i] switch
            {
                TermArg term => Taxonomy.Taxonomy.Embedded.Find(term.Code)?.Name(english) ?? term.Code,
                LevelArg level when level.Level is >= 1 and <= 3 => english ? LevelsEn[level.Level] : LevelsZh[level.Level],
                LevelArg level => level.Level.ToString(culture),
                var other => other,
            };
        }
        return string.Format(culture, english ? template.En : template.Zh, args);
    }
}
