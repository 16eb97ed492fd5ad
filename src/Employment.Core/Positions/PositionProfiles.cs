using Employment.Core.Matching;

namespace Employment.Core.Positions;

public static class PositionProfiles
{
    /// <summary>What the engine sees of a position; only an approved, live posting counts as open.</summary>
    public static PositionProfile ToProfile(this Position position, string? employerName = null) => new()
    {
        Id = position.Id,
        Title = position.Title,
        Description = position.Description,
        EmployerId = position.EmployerId,
        EmployerName = employerName ?? position.Employer?.Name,
        PublicWelfare = position.PublicWelfare,
        Headcount = position.Headcount,
        Filled = position.Filled,
        MonthlyWage = (double)position.MonthlyWage,
        HoursPerWeek = position.HoursPerWeek,
        Remote = position.Remote,
        Location = position.Lat is { } lat && position.Lon is { } lon ? new GeoPoint(lat, lon) : null,
        DivisionCode = position.DivisionCode,
        RequiredSkills = position.RequiredSkills.ToArray(),
        PreferredSkills = position.PreferredSkills.ToArray(),
        Accommodations = position.Accommodations.ToArray(),
        Demands = position.Demands.ToArray(),
        MinAge = position.MinAge,
        MaxAge = position.MaxAge,
        MinEducation = position.MinEducation,
        ValidUntil = position.ValidUntil,
        // The listing rule's status and employer parts; places and validUntil are the engine's to judge on its day.
        IsOpen = PositionListing.IsOffered(position),
        PublishedUtc = position.PublishedUtc,
    };
}
