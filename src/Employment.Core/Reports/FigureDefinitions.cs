using System.Globalization;

namespace Employment.Core.Reports;

/// <summary>The keys of the figures: the JSON names, the CSV figure column, the page's rows.</summary>
public static class FigureKeys
{
    public const string Households = "households";
    public const string DibaoHouseholds = "dibaoHouseholds";
    public const string HouseholdsInQuarter = "householdsInQuarter";
    public const string DibaoHouseholdsInQuarter = "dibaoHouseholdsInQuarter";
    public const string DibaoHouseholdsNewlyEmployed = "dibaoHouseholdsNewlyEmployed";
    public const string DibaoEmploymentGrowthRate = "dibaoEmploymentGrowthRate";
    public const string Exits = "exits";
    public const string ExitRate = "exitRate";
    public const string ExitCandidates = "exitCandidates";
    public const string HouseholdsInTransition = "householdsInTransition";
    public const string HouseholdsInIncentive = "householdsInIncentive";
    public const string ZeroEmploymentHouseholds = "zeroEmploymentHouseholds";
    public const string ZeroEmploymentTrend = "zeroEmploymentTrend";
    public const string Placements = "placements";
    public const string PlacementsByChannel = "placementsByChannel";
    public const string PublicWelfarePlacements = "publicWelfarePlacements";
    public const string FollowUpsDue = "followUpsDue";
    public const string FollowUpsOnTime = "followUpsOnTime";
    public const string FollowUpsOnTimeRate = "followUpsOnTimeRate";
    public const string FirstPlacements = "firstPlacements";
    public const string AverageDaysToPlacement = "averageDaysToPlacement";
    public const string ReferralsExpired = "referralsExpired";
    public const string SubsidyCommitted = "subsidyCommitted";
    public const string SubsidySpent = "subsidySpent";
    public const string SubsidyCap = "subsidyCap";
    public const string SatisfactionAnswers = "satisfactionAnswers";
    public const string SatisfactionAverage = "satisfactionAverage";
    public const string SatisfactionByChannel = "satisfactionByChannel";
    public const string PeopleTrained = "peopleTrained";
    public const string TrainingCompletionRate = "trainingCompletionRate";
    public const string TrainedPlacedWithin90Days = "trainedPlacedWithin90Days";

    /// <summary>In the order the page, the CSV and the workbook show them.</summary>
    public static readonly string[] All =
    [
        Households, DibaoHouseholds, HouseholdsInQuarter, DibaoHouseholdsInQuarter, DibaoHouseholdsNewlyEmployed,
        DibaoEmploymentGrowthRate, Exits, ExitRate, ExitCandidates, HouseholdsInTransition, HouseholdsInIncentive,
        ZeroEmploymentHouseholds, ZeroEmploymentTrend, Placements, PlacementsByChannel, PublicWelfarePlacements,
        FollowUpsDue, FollowUpsOnTime, FollowUpsOnTimeRate, FirstPlacements, AverageDaysToPlacement,
        ReferralsExpired, SubsidyCommitted, SubsidySpent, SubsidyCap, SatisfactionAnswers, SatisfactionAverage, SatisfactionByChannel,
        PeopleTrained, TrainingCompletionRate, TrainedPlacedWithin90Days,
    ];
}

/// <summary>
/// Each figure's name and exact definition, in Chinese (the default) and English. The page, the
/// JSON, the CSV and the workbook all print these, so a figure never travels without its meaning.
/// </summary>
public static class FigureDefinitions
{
    private static readonly Dictionary<string, (string ZhName, string EnName, string Zh, string En)> Texts = new(StringComparer.Ordinal)
    {
        [FigureKeys.Households] = ("在册家庭", "Households in the program",
            "截至统计日（季度末日，当季则为今天）已登记、未归档（迁出、注销）、且未处于已核实退出状态（退出未被撤销）的家庭数。",
            "Households registered on or before the as-of date (the quarter's last day, or today for the current quarter), not archived by then (moved away, deregistered) and not in a verified exit (an exit not revoked) on that date."),
        [FigureKeys.DibaoHouseholds] = ("低保户", "Dibao households",
            "在册家庭中类别为低保的家庭数。",
            "Households in the program on the as-of date whose category is dibao (低保)."),
        [FigureKeys.HouseholdsInQuarter] = ("本季在册家庭", "Households in the program during the quarter",
            "季度首日至统计日之间至少有一天在册的家庭（当天已登记、未归档，且不处于未撤销的已核实退出中；当天才核实退出的也算）。是新增率和脱贫率的分母；季度内新登记的、退出被撤销而回到帮扶的家庭都计入，因此比率不会超过100%。",
            "Households in the program on at least one day from the quarter's first day to the as-of date (registered by then, not archived, and not in a verified, unrevoked exit; a household whose exit is verified that day counts). The denominator of the growth and exit rates; households registered during the quarter, and those back in the program after a revoked exit, count too, so a rate never exceeds 100%."),
        [FigureKeys.DibaoHouseholdsInQuarter] = ("本季在册低保户", "Dibao households in the program during the quarter",
            "本季在册家庭中的低保户，加上本季有低保户安置记录（按安置时的家庭类别）的家庭。",
            "Households in the program during the quarter whose category is dibao, together with any household placed in the quarter while it was dibao (the placement's snapshot)."),
        [FigureKeys.DibaoHouseholdsNewlyEmployed] = ("低保户新增就业", "Dibao households newly employed",
            "本季度内（季度首日至统计日）至少有一名成员开始一次安置、且安置时家庭类别为低保的家庭数；之后结束的安置也计入。",
            "Households with at least one placement that started in the quarter (first day to the as-of date) while the household was dibao (the placement's category snapshot); placements that ended later still count."),
        [FigureKeys.DibaoEmploymentGrowthRate] = ("低保户就业新增率", "Employment growth among dibao households",
            "低保户新增就业 ÷ 本季在册低保户，取值0到1；分母为0时为空。",
            "Dibao households newly employed ÷ dibao households in the program during the quarter, a fraction 0..1; empty when the denominator is 0."),
        [FigureKeys.Exits] = ("核实退出", "Verified exits",
            "核实日期在本季度内（至统计日）、且在统计日前未被撤销的退出所涉家庭数。",
            "Households with an exit verified in the quarter (up to the as-of date) and not revoked on or before the as-of date."),
        [FigureKeys.ExitRate] = ("脱贫率", "Exit rate",
            "核实退出 ÷ 本季在册家庭，取值0到1；分母为0时为空。",
            "Verified exits ÷ households in the program during the quarter, a fraction 0..1; empty when the denominator is 0."),
        [FigureKeys.ExitCandidates] = ("待核实退出", "Exit candidates",
            "统计日在册、当日处于退出候选状态（标记日不晚于统计日，且标记在统计日之后才撤销或至今未撤销）且人均收入达到本区当日执行的边缘线（退出线）的家庭。标准线调整后，过去季度仍按当时执行的标准线计算；收入按当前记录（系统不保存收入历史）。",
            "Households in the program on the as-of date that were exit candidates that day (flagged on or before it, and the flag still standing or cleared only after it) and whose income per head reached the edge (exit) line their district had in force that day. After the lines change, past quarters are still judged against the lines then in force; income is as now recorded (no income history is kept)."),
        [FigureKeys.HouseholdsInTransition] = ("过渡期家庭", "Households in transition",
            "统计日处于已核实退出（未撤销）且在过渡期内（核实后{1}个月内）的家庭数。",
            "Households in a verified, unrevoked exit whose transition period ({1} months after verification) includes the as-of date."),
        [FigureKeys.HouseholdsInIncentive] = ("激励跟踪家庭", "Households in incentive tracking",
            "统计日处于已核实退出（未撤销）且在{2}年激励跟踪期内的家庭数（含过渡期家庭）。",
            "Households in a verified, unrevoked exit whose {2}-year incentive period includes the as-of date (those in transition included)."),
        [FigureKeys.ZeroEmploymentHouseholds] = ("零就业家庭", "Zero-employment households",
            "统计日的在册家庭中，至少一名成员有劳动能力、且有劳动能力的成员无一就业的家庭数。过去某日的就业情况按安置的开始和结束日期还原；项目外就业（当前就业且无进行中的安置）视为一直存在。",
            "Households in the program on the as-of date where at least one member can work and no member who can work is employed. Employment on a past date is rebuilt from placements' start and end dates; work found outside the program (employed now with no active placement) is taken as constant."),
        [FigureKeys.ZeroEmploymentTrend] = ("零就业家庭趋势", "Zero-employment trend",
            "最近几个季度各自统计日的零就业家庭数（定义同上）。",
            "Zero-employment households (as defined above) on the as-of date of each of the last quarters."),
        [FigureKeys.Placements] = ("本季安置", "Placements",
            "开始日期在本季度内（至统计日）的安置次数，包括之后已结束的安置。",
            "Placements that started in the quarter (up to the as-of date), including those that ended since."),
        [FigureKeys.PlacementsByChannel] = ("按渠道安置", "Placements by channel",
            "本季安置按来源分：招聘会（送岗位招聘会）、推荐（指导员推荐）、自助终端（求职者在自助终端表达意向）。",
            "Placements of the quarter by how they came about: fair (the quarterly job fair), referral (a counselor's referral), kiosk (a jobseeker's interest at a kiosk)."),
        [FigureKeys.PublicWelfarePlacements] = ("公益性岗位安置", "Public-welfare places filled",
            "本季安置中岗位为公益性岗位（按安置时的记录）的次数。",
            "Placements of the quarter into public-welfare positions (as recorded when the placement began)."),
        [FigureKeys.FollowUpsDue] = ("应回访", "Follow-ups due",
            "到期日在本季度内的回访中，已完成的，或截至今天宽限期（到期后{0}天）已过的；未回访且安置在到期日前已结束的不计。",
            "Follow-ups due in the quarter that are done, or whose grace period ({0} days after the due date) has passed by today; those not done whose placement ended on or before the due date are left out."),
        [FigureKeys.FollowUpsOnTime] = ("按时回访", "Follow-ups on time",
            "应回访中，完成日期不晚于到期日加{0}天的。",
            "Follow-ups due that were done on or before the due date plus {0} days."),
        [FigureKeys.FollowUpsOnTimeRate] = ("回访按时率", "Follow-ups done on time",
            "按时回访 ÷ 应回访，取值0到1；分母为0时为空。",
            "Follow-ups on time ÷ follow-ups due, a fraction 0..1; empty when the denominator is 0."),
        [FigureKeys.FirstPlacements] = ("首次安置人数", "People placed for the first time",
            "本人的第一次安置开始于本季度内（至统计日）的人数。",
            "People whose first placement in the program started in the quarter (up to the as-of date)."),
        [FigureKeys.AverageDaysToPlacement] = ("平均安置天数", "Average days from registration to placement",
            "首次安置人员从登记到首次安置开始的平均天数（保留一位小数；安置早于登记的按0天计）；无人时为空。",
            "For the people placed for the first time: the mean number of days from the person's registration to the start of that placement (one decimal; a placement dated before the registration counts as 0 days); empty when there is nobody."),
        [FigureKeys.ReferralsExpired] = ("推荐逾期", "Referrals expired",
            "本季度内（至统计日）因雇主在期限内未答复而到期的推荐数，按被推荐人的家庭所在街道计。",
            "Referrals that expired in the quarter (up to the as-of date) because the employer did not answer in time, counted by the street of the referred person's household."),
        [FigureKeys.SubsidyCommitted] = ("公益性岗位补贴承诺额", "Public-welfare subsidy committed",
            "本季度内在岗的有补贴公益性岗位安置，按日计算（月补贴×12÷365×天数）的本季应付补贴之和（元）：从季度首日或安置开始日起，到季度末日、任期末日或安置结束前一日中最早者止。",
            "The subsidy owed for the quarter (CNY) over the funded public-welfare placements held in it, counted by day (monthly subsidy × 12 ÷ 365 × days): from the quarter's first day or the placement's start to the earliest of the quarter's last day, the term's last day or the day before the placement ended."),
        [FigureKeys.SubsidySpent] = ("公益性岗位补贴支出额", "Public-welfare subsidy spent",
            "同“补贴承诺额”，但只计到统计日（元）。",
            "As the subsidy committed, but counted only up to the as-of date (CNY)."),
        [FigureKeys.SubsidyCap] = ("公益性岗位补贴上限", "Public-welfare subsidy cap",
            "管理员为该季度和该范围（街道或全区）设定的补贴承诺上限（元）；未设定时为空。超出上限的安置会被拒绝。",
            "The cap on subsidy committed that the admin set for the quarter and this scope (a street or the district), CNY; empty when none is set. A placement beyond it is refused."),
        [FigureKeys.SatisfactionAnswers] = ("满意度答卷数", "Satisfaction answers",
            "本季度内（至统计日）记录的满意度答卷数：回访时由就业指导员记录，或已安置人员在自助终端填写。",
            "Satisfaction answers recorded in the quarter (up to the as-of date): by the counselor at a follow-up, or by the placed person at a kiosk."),
        [FigureKeys.SatisfactionAverage] = ("满意度", "Satisfaction",
            "上述答卷的平均分（1至5分）：每份答卷取工作、收入、服务三项的平均，再对答卷取平均，保留两位小数；无答卷时为空。",
            "The mean score of those answers (1 to 5): each answer is the mean of its job, pay and service scores, then averaged over the answers, two decimals; empty when there is no answer."),
        [FigureKeys.SatisfactionByChannel] = ("按渠道满意度", "Satisfaction by channel",
            "同“满意度”，按被调查安置的渠道（招聘会、推荐、自助终端）分别计算；该渠道无答卷时为空。",
            "As satisfaction, computed separately for the placements of each channel (fair, referral, kiosk); empty for a channel with no answer."),
        [FigureKeys.PeopleTrained] = ("本季度培训结业人数", "People trained in the quarter",
            "本季度内（至统计日）完成至少一门技能培训（记录结业）的人数，每人只计一次。",
            "People who completed at least one training course (completion recorded) in the quarter, up to the as-of date; each person once."),
        [FigureKeys.TrainingCompletionRate] = ("培训结业率", "Training completion rate",
            "本季度内（至统计日）结束的培训报名中，结业的比例：结业数 ÷（结业数 + 退出数）；没有结束的报名时为空。",
            "Of the enrolments closed in the quarter (up to the as-of date), the share completed: completions ÷ (completions + drop-outs); empty when none closed."),
        [FigureKeys.TrainedPlacedWithin90Days] = ("结业后 90 天内就业人数", "Trained and placed within 90 days",
            "本季度结业的人中，结业当天起 90 天内（且不晚于统计日）开始一次安置的人数。",
            "Of the people who completed a course in the quarter, those with a placement starting within 90 days of completing (and by the as-of date)."),
    };

    public static bool IsChinese(CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
        || culture.Equals(CultureInfo.InvariantCulture);

    public static string Name(string key, CultureInfo culture) =>
        IsChinese(culture) ? Texts[key].ZhName : Texts[key].EnName;

    public static string Definition(string key, CultureInfo culture, OutcomeOptions options)
    {
        var text = IsChinese(culture) ? Texts[key].Zh : Texts[key].En;
        return string.Format(culture, text, options.FollowUpGraceDays, options.TransitionMonths, options.IncentiveYears);
    }

    /// <summary>Every definition, by key, in the report's order.</summary>
    public static IReadOnlyDictionary<string, string> All(CultureInfo culture, OutcomeOptions options) =>
        FigureKeys.All.ToDictionary(k => k, k => Definition(k, culture, options), StringComparer.Ordinal);
}
