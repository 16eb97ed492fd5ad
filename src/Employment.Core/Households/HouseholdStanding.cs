using Employment.Core.Domain;

namespace Employment.Core.Households;

/// <summary>Where a household's income per head stands against the region's lines.</summary>
public enum IncomeBand { BelowDibaoLine, BelowEdgeLine, AboveEdgeLine }

/// <summary>What a wage would do to a household's income per head and its band against the lines.</summary>
public sealed record WageEffect(decimal PerHeadNow, IncomeBand BandNow, decimal PerHeadWith, IncomeBand BandWith);

/// <summary>
/// The derived facts of a household, computed here and nowhere else: income per head, the band
/// against the lines, zero-employment. Pages, matching, reports and exit all ask this class.
/// </summary>
public static class HouseholdStanding
{
    public static decimal IncomePerHead(decimal monthlyIncome, int size) =>
        size <= 0 ? monthlyIncome : Math.Round(monthlyIncome / size, 2, MidpointRounding.AwayFromZero);

    public static decimal IncomePerHead(Household household) => IncomePerHead(household.MonthlyIncome, household.Size);

    /// <summary>
    /// "Below the 低保 line" is strict: a household exactly on the line is no longer below it, as the
    /// contract says "below dibaoLine a household is a 低保 household".
    /// </summary>
    public static IncomeBand Band(decimal incomePerHead, decimal dibaoLine, decimal edgeLine) =>
        Band((double)incomePerHead, (double)dibaoLine, (double)edgeLine);

    /// <summary>
    /// The same rule for the engine, which ranks in doubles: one comparison, so a household exactly on
    /// a line is on the same side of it on the counselor's page and in the engine's ranking.
    /// </summary>
    public static IncomeBand Band(double incomePerHead, double dibaoLine, double edgeLine) =>
        incomePerHead < dibaoLine ? IncomeBand.BelowDibaoLine
        : incomePerHead < edgeLine ? IncomeBand.BelowEdgeLine
        : IncomeBand.AboveEdgeLine;

    /// <summary>Income per head in doubles, rounded to the cent as <see cref="IncomePerHead(decimal, int)"/> is.</summary>
    public static double IncomePerHead(double monthlyIncome, int size) =>
        size <= 0 ? monthlyIncome : Math.Round(monthlyIncome / size, 2, MidpointRounding.AwayFromZero);

    public static IncomeBand Band(Household household, Region region) =>
        Band(IncomePerHead(household), region.DibaoLine, region.EdgeLine);

    /// <summary>
    /// 零就业家庭: at least one member can work, and no member who can work is employed.
    /// A household where nobody has labour capacity is not zero-employment: nobody there can be placed.
    /// </summary>
    public static bool IsZeroEmployment(IEnumerable<(LaborCapacity Capacity, bool Employed)> members)
    {
        var able = members.Where(m => m.Capacity != LaborCapacity.None).ToList();
        return able.Count > 0 && able.All(m => !m.Employed);
    }

    public static bool IsZeroEmployment(Household household) =>
        IsZeroEmployment(household.Members.Select(m => (m.LaborCapacity, m.Employed)));

    /// <summary>
    /// The same rule as a query, so a list of zero-employment households is filtered in the database
    /// instead of loading every household of an area with its members.
    /// </summary>
    public static IQueryable<Household> ZeroEmployment(this IQueryable<Household> households) =>
        households.Where(h => h.Members.Any(m => m.LaborCapacity != LaborCapacity.None)
            && !h.Members.Any(m => m.LaborCapacity != LaborCapacity.None && m.Employed));

    /// <summary>The income per head the household would have with one more monthly wage.</summary>
    public static decimal IncomePerHeadWith(Household household, decimal addedMonthlyWage) =>
        IncomePerHead(household.MonthlyIncome + addedMonthlyWage, household.Size);

    /// <summary>
    /// What one more monthly wage would do to the household: income per head and band now and with
    /// the wage, against <paramref name="region"/>'s lines (no lines yet: both 0, as the engine reads them).
    /// </summary>
    public static WageEffect EffectOfWage(Household household, decimal monthlyWage, Region? region)
    {
        var dibao = region?.DibaoLine ?? 0;
        var edge = region?.EdgeLine ?? 0;
        var now = IncomePerHead(household);
        var with = IncomePerHeadWith(household, monthlyWage);
        return new WageEffect(now, Band(now, dibao, edge), with, Band(with, dibao, edge));
    }

    /// <summary>
    /// An exit candidate is a household whose income per head has reached the edge line: it has
    /// passed both lines, so it no longer needs the guarantee. Reassessed after every placement and
    /// follow-up; an exit already verified is left alone (only a lost job revokes it).
    /// </summary>
    /// <returns>True when the candidacy changed.</returns>
    public static bool ReassessExit(Household household, Region region, DateTime nowUtc)
    {
        if (household.ExitStatus == ExitStatus.Exited)
        {
            return false;
        }
        var passed = Band(household, region) == IncomeBand.AboveEdgeLine;
        var next = passed ? ExitStatus.Candidate : ExitStatus.None;
        if (next == household.ExitStatus)
        {
            return false;
        }
        household.ExitStatus = next;
        if (passed)
        {
            household.ExitCandidateSinceUtc = nowUtc;
            household.ExitCandidateEndedUtc = null;
        }
        else
        {
            // The candidacy ended: its days stay known (since..ended) for the figures of those days.
            household.ExitCandidateEndedUtc = household.ExitCandidateSinceUtc is null ? null : nowUtc;
        }
        return true;
    }
}
