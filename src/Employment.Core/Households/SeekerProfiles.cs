using Employment.Core.Matching;

namespace Employment.Core.Households;

public static class SeekerProfiles
{
    /// <summary>
    /// What the engine sees of a person. The household must be loaded with its members, since
    /// zero-employment is a fact of the whole household.
    /// </summary>
    public static SeekerProfile ToProfile(this Person person, Household household, string? intention = null, DateTime? lastReferredUtc = null) => new()
    {
        Id = person.Id,
        HouseholdId = household.Id,
        Age = person.Age,
        LaborCapacity = person.LaborCapacity,
        Employed = person.Employed,
        Education = person.Education,
        Skills = person.Skills.ToArray(),
        DisabilityType = person.DisabilityType,
        DisabilityGrade = person.DisabilityGrade,
        Limits = person.Limits.ToArray(),
        Needs = person.Needs.ToArray(),
        PrefersRemote = person.PrefersRemote,
        MaxCommuteKm = person.MaxCommuteKm,
        MaxHoursPerWeek = person.MaxHoursPerWeek,
        DesiredWage = (double?)person.DesiredWage,
        Location = new GeoPoint(person.Lat ?? household.Lat, person.Lon ?? household.Lon),
        DivisionCode = person.DivisionCode ?? household.DivisionCode,
        Intention = intention,
        Household = new HouseholdFacts(household.Category, household.Size, (double)household.MonthlyIncome,
            HouseholdStanding.IsZeroEmployment(household)),
        Listing = new SeekerListing(person.Name, household.DivisionCode, household.Category, household.Causes.ToArray(),
            HouseholdStanding.IncomePerHead(household), lastReferredUtc, person.RegisteredUtc),
    };
}
