using Employment.Core.Domain;

namespace Employment.Core.Matching;

/// <summary>
/// Features, score and reasons for one seeker and one position: pure, so that the index-backed
/// engine and the exhaustive matcher score a pair identically.
/// </summary>
public sealed class Ranker
{
    private static readonly double Ln4 = Math.Log(4);

    private static readonly Dictionary<DisabilityType, string[]> Helpful = new()
    {
        [DisabilityType.Visual] = ["screen_reader", "large_print"],
        [DisabilityType.Hearing] = ["sign_language"],
        [DisabilityType.Speech] = ["sign_language"],
        [DisabilityType.Physical] = ["step_free_access", "seated_work", "adapted_workstation", "accessible_toilet"],
        [DisabilityType.Intellectual] = ["job_coach", "quiet_workspace", "rest_breaks"],
        [DisabilityType.Mental] = ["job_coach", "quiet_workspace", "rest_breaks", "flexible_hours"],
        [DisabilityType.Multiple] = ["step_free_access", "job_coach", "rest_breaks", "flexible_hours"],
    };

    private readonly SkillGraph _skills;

    public Ranker(RankingWeights? weights = null, Taxonomy.Taxonomy? taxonomy = null)
    {
        Weights = weights ?? RankingWeights.Default;
        _skills = SkillGraph.For(taxonomy ?? Taxonomy.Taxonomy.Embedded);
    }

    public RankingWeights Weights { get; }

    internal SkillGraph Skills => _skills;

    /// <summary>Accommodations that help with a disability beyond what the person strictly needs.</summary>
    public static IReadOnlyList<string> HelpfulFor(DisabilityType type) => Helpful[type];

    /// <summary>The feature vector. <paramref name="distanceKm"/> is null for a remote position; <paramref name="text"/> is the normalised text score (0 without a query).</summary>
    public MatchFeatures Features(SeekerProfile seeker, PositionProfile position, double? distanceKm, double text, RegionLines lines) =>
        new(SkillFit(seeker, position), AccommodationFit(seeker, position), LocationFit(seeker, position, distanceKm),
            PayFit(seeker, position, lines), PriorityFit(seeker, position), text, Gate(seeker, position));

    /// <summary>True when the position requires a licence the person does not hold: a legal bar until they get it.</summary>
    internal bool LacksRequiredLicence(SeekerProfile seeker, PositionProfile position)
    {
        foreach (var code in position.RequiredSkills)
        {
            if (_skills.IsCertificate(code) && FindHeld(seeker, code) is null)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A week past full time, for a person of partial capacity who named no limit of their own.</summary>
    internal bool LongWeekForPartialCapacity(SeekerProfile seeker, PositionProfile position) =>
        seeker.LaborCapacity == Domain.LaborCapacity.Partial && seeker.MaxHoursPerWeek is null
        && position.HoursPerWeek > Weights.FullWeekHours && !HardRules.OffersShorterHours(position);

    internal double Gate(SeekerProfile seeker, PositionProfile position) =>
        (LacksRequiredLicence(seeker, position) ? Weights.MissingLicenceFactor : 1.0)
        * (LongWeekForPartialCapacity(seeker, position) ? Weights.LongWeekFactor : 1.0);

    /// <summary>The weighted mean of the features, in 0..1.</summary>
    public double Score(in MatchFeatures f, bool withQuery)
    {
        var w = Weights;
        var sum = w.Skills * f.Skills + w.Accommodation * f.Accommodation + w.Location * f.Location
            + w.Pay * f.Pay + w.Priority * f.Priority;
        var total = w.Skills + w.Accommodation + w.Location + w.Pay + w.Priority;
        if (withQuery)
        {
            sum += w.Text * f.Text;
            total += w.Text;
        }
        return total <= 0 ? 0 : sum / total * f.Gate;
    }

    /// <summary>An upper bound of the score of any pair whose features are at most these; a hair above, for rounding.</summary>
    internal double Bound(in MatchFeatures max, bool withQuery) => Score(max, withQuery) + 1e-9;

    internal static double LevelCredit(int level) => 0.5 + 0.25 * (Math.Clamp(level, 1, 3) - 1);

    internal double SkillFit(SeekerProfile seeker, PositionProfile position)
    {
        if (position.RequiredSkills.Count == 0 && position.PreferredSkills.Count == 0)
        {
            return 0;
        }
        return 0.7 * Coverage(seeker, position.RequiredSkills) + 0.3 * Coverage(seeker, position.PreferredSkills);
    }

    private double Coverage(SeekerProfile seeker, IReadOnlyList<string> wanted)
    {
        if (wanted.Count == 0)
        {
            return 0;
        }
        var sum = 0.0;
        foreach (var code in wanted)
        {
            sum += Credit(seeker, code, out _);
        }
        return sum / wanted.Count;
    }

    /// <summary>Credit for one wanted skill: held (by level), a licence only when held, else the best related skill held.</summary>
    internal double Credit(SeekerProfile seeker, string code, out SkillLevel? relatedHeld)
    {
        relatedHeld = null;
        var isCertificate = _skills.IsCertificate(code);
        foreach (var held in seeker.Skills)
        {
            if (held.Code == code)
            {
                return isCertificate ? 1.0 : LevelCredit(held.Level);
            }
        }
        if (isCertificate)
        {
            return 0;
        }
        var best = 0.0;
        var neighbours = _skills.Neighbours(code);
        foreach (var held in seeker.Skills)
        {
            if (neighbours.Contains(held.Code))
            {
                var credit = Weights.RelatedCredit * HeldCredit(held);
                if (credit > best)
                {
                    best = credit;
                    relatedHeld = held;
                }
            }
        }
        return best;
    }

    internal double HeldCredit(SkillLevel held) => _skills.IsCertificate(held.Code) ? 1.0 : LevelCredit(held.Level);

    internal static double Severity(SeekerProfile seeker) => seeker.DisabilityGrade is 1 or 2 ? 1.0 : 0.6;

    internal static double AccommodationFit(SeekerProfile seeker, PositionProfile position)
    {
        if (seeker.DisabilityType is not { } type)
        {
            return 0;
        }
        var helpful = Helpful[type];
        var offered = 0;
        foreach (var code in helpful)
        {
            if (HardRules.Offers(position, code))
            {
                offered++;
            }
        }
        return Severity(seeker) * offered / helpful.Length;
    }

    internal double LocationFit(SeekerProfile seeker, PositionProfile position, double? distanceKm)
    {
        if (position.Remote || distanceKm is not { } km)
        {
            return seeker.PrefersRemote ? 1.0 : Weights.RemoteNeutral;
        }
        return Decay(km, seeker.MaxCommuteKm) * (seeker.PrefersRemote ? Weights.RemoteNeutral : 1.0);
    }

    /// <summary>1 at the door, ¼ at the edge of the commute.</summary>
    internal static double Decay(double km, double maxCommuteKm) => Math.Exp(-Ln4 * km / Math.Max(0.1, maxCommuteKm));

    internal double PayFit(SeekerProfile seeker, PositionProfile position, RegionLines lines) =>
        PayFit(seeker.DesiredWage ?? 0, seeker.Household.MonthlyIncome, seeker.Household.Size, position.MonthlyWage, lines.For(seeker.HouseholdId));

    /// <summary>The pay feature from the few numbers it depends on; never decreases as the wage rises.</summary>
    internal double PayFit(double desiredWage, double householdIncome, int householdSize, double wage, RegionLines lines)
    {
        var wanted = desiredWage > 0 ? desiredWage : Weights.ReferenceWage;
        var wageFit = Math.Min(1.0, wage / wanted);
        var after = Households.HouseholdStanding.IncomePerHead(householdIncome + wage, Math.Max(1, householdSize));
        var lift = Households.HouseholdStanding.Band(after, lines.DibaoLine, lines.EdgeLine) switch
        {
            Households.IncomeBand.AboveEdgeLine => 1.0,
            Households.IncomeBand.BelowEdgeLine => 0.6,
            _ => 0.0,
        };
        return 0.5 * wageFit + 0.5 * lift;
    }

    internal static double PerHeadAfter(HouseholdFacts household, double wage) =>
        Households.HouseholdStanding.IncomePerHead(household.MonthlyIncome + wage, Math.Max(1, household.Size));

    /// <summary>How strongly public-welfare positions are reserved for this seeker's household.</summary>
    internal static double PriorityClaim(SeekerProfile seeker) =>
        seeker.Household.ZeroEmployment || seeker.Household.Category is HouseholdCategory.Dibao or HouseholdCategory.Extreme ? 1.0
        : seeker.Household.Category is not null ? 0.4
        : 0.0;

    internal static double PriorityFit(SeekerProfile seeker, PositionProfile position) =>
        position.PublicWelfare ? PriorityClaim(seeker) : 0.5;

    /// <summary>The reasons a counselor reads, from the same facts the features came from.</summary>
    public IReadOnlyList<MatchReason> Explain(SeekerProfile seeker, PositionProfile position, double? distanceKm, in MatchFeatures features, RegionLines lines)
    {
        lines = lines.For(seeker.HouseholdId);
        var reasons = new List<MatchReason>();
        foreach (var code in position.RequiredSkills)
        {
            var certificate = _skills.IsCertificate(code);
            var held = FindHeld(seeker, code);
            if (held is { } h)
            {
                reasons.Add(certificate
                    ? new MatchReason(ReasonCodes.RequiredCertificate, new TermArg(code))
                    : new MatchReason(ReasonCodes.RequiredSkill, new TermArg(code), new LevelArg(h.Level)));
            }
            else if (!certificate && Credit(seeker, code, out var related) > 0 && related is { } r)
            {
                reasons.Add(new MatchReason(ReasonCodes.RelatedSkill, new TermArg(code), new TermArg(r.Code)));
            }
            else
            {
                reasons.Add(new MatchReason(certificate ? ReasonCodes.MissingCertificate : ReasonCodes.MissingSkill, new TermArg(code)));
            }
        }
        if (LongWeekForPartialCapacity(seeker, position))
        {
            reasons.Add(new MatchReason(ReasonCodes.LongWeek, position.HoursPerWeek));
        }
        foreach (var code in position.PreferredSkills)
        {
            if (FindHeld(seeker, code) is { } h)
            {
                reasons.Add(new MatchReason(ReasonCodes.PreferredSkill, new TermArg(code), new LevelArg(h.Level)));
            }
        }
        if (seeker.DisabilityType is { } type)
        {
            foreach (var code in Helpful[type])
            {
                if (HardRules.Offers(position, code))
                {
                    reasons.Add(new MatchReason(ReasonCodes.AccommodationHelps, new TermArg(code)));
                }
            }
        }
        if (distanceKm is { } km)
        {
            reasons.Add(new MatchReason(ReasonCodes.Distance, Math.Round(km, 1)));
        }
        else
        {
            reasons.Add(new MatchReason(seeker.PrefersRemote ? ReasonCodes.RemotePreferred : ReasonCodes.Remote));
        }
        if (seeker.DesiredWage is > 0 and var desired)
        {
            reasons.Add(new MatchReason(position.MonthlyWage >= desired ? ReasonCodes.WageMeetsDesired : ReasonCodes.WageBelowDesired,
                position.MonthlyWage, desired));
        }
        var before = Households.HouseholdStanding.Band(PerHeadAfter(seeker.Household, 0), lines.DibaoLine, lines.EdgeLine);
        var after = PerHeadAfter(seeker.Household, position.MonthlyWage);
        var band = Households.HouseholdStanding.Band(after, lines.DibaoLine, lines.EdgeLine);
        if (before == Households.IncomeBand.BelowDibaoLine && band != Households.IncomeBand.BelowDibaoLine)
        {
            reasons.Add(new MatchReason(ReasonCodes.LiftsAboveDibao, after, lines.DibaoLine));
        }
        if (before != Households.IncomeBand.AboveEdgeLine && band == Households.IncomeBand.AboveEdgeLine)
        {
            reasons.Add(new MatchReason(ReasonCodes.LiftsAboveEdge, after, lines.EdgeLine));
        }
        if (position.PublicWelfare)
        {
            var household = seeker.Household;
            reasons.Add(new MatchReason(
                household.Category == HouseholdCategory.Dibao ? ReasonCodes.PublicWelfareDibao
                : household.Category == HouseholdCategory.Extreme ? ReasonCodes.PublicWelfareExtreme
                : household.ZeroEmployment ? ReasonCodes.PublicWelfareZeroEmployment
                : ReasonCodes.PublicWelfareOthersFirst));
        }
        if (features.Text > 0)
        {
            reasons.Add(new MatchReason(ReasonCodes.TextMatch));
        }
        return reasons;
    }

    private static SkillLevel? FindHeld(SeekerProfile seeker, string code)
    {
        foreach (var held in seeker.Skills)
        {
            if (held.Code == code)
            {
                return held;
            }
        }
        return null;
    }
}
