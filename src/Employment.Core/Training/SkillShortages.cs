using Employment.Core.Matching;

namespace Employment.Core.Training;

/// <summary>One required skill's demand (open places requiring it) against its supply (available people holding it).</summary>
public sealed record SkillShortage(string Skill, int Demand, int Supply)
{
    public int Gap => Demand - Supply;
}

/// <summary>
/// The contract's shortages: one line per skill that some open position requires; demand sums the
/// free places of the positions passing match rule 1 that require it, supply counts the persons
/// passing match rule 2 who hold it (at any level).
/// </summary>
public static class SkillShortages
{
    public static IReadOnlyList<SkillShortage> Compute(IEnumerable<PositionProfile> positions, IEnumerable<SeekerProfile> persons, DateOnly asOf)
    {
        var demand = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var position in positions)
        {
            if (!position.IsOpen)
            {
                continue;
            }
            var places = HardRules.PositionAvailable(position, asOf) ? position.Headcount - position.Filled : 0;
            foreach (var skill in position.RequiredSkills)
            {
                demand[skill] = demand.GetValueOrDefault(skill) + places;
            }
        }
        var supply = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var person in persons)
        {
            if (!HardRules.SeekerAvailable(person))
            {
                continue;
            }
            foreach (var skill in person.Skills)
            {
                if (demand.ContainsKey(skill.Code))
                {
                    supply[skill.Code] = supply.GetValueOrDefault(skill.Code) + 1;
                }
            }
        }
        return demand
            .Select(d => new SkillShortage(d.Key, d.Value, supply.GetValueOrDefault(d.Key)))
            .OrderByDescending(s => s.Gap).ThenByDescending(s => s.Demand).ThenBy(s => s.Skill, StringComparer.Ordinal)
            .ToList();
    }
}
