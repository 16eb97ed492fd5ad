using Employment.Core.Domain;
using Employment.Core.Matching;

namespace Employment.Core.Training;

/// <summary>What the training advisor knows of a course: built from the database, a dataset or a generator.</summary>
public sealed record CourseProfile
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string Provider { get; init; } = "";
    public IReadOnlyList<SkillLevel> Skills { get; init; } = [];
    public DateOnly StartDate { get; init; }
    public DateOnly EndDate { get; init; }
    public double? HoursPerWeek { get; init; }
    public int Seats { get; init; } = 1;
    public int Enrolled { get; init; }
    public bool Remote { get; init; }
    /// <summary>Null only for a remote course.</summary>
    public GeoPoint? Location { get; init; }
    public string? DivisionCode { get; init; }
    public IReadOnlyList<string> Accommodations { get; init; } = [];
    public int? MinAge { get; init; }
    public int? MaxAge { get; init; }
    public Education? MinEducation { get; init; }
    public bool Subsidized { get; init; }
    public IReadOnlyList<string> ForPositions { get; init; } = [];
    /// <summary>Offered at all: an order-based course still in review, or a cancelled one, is not.</summary>
    public bool IsOpen { get; init; } = true;
}

public static class CourseProfiles
{
    public static CourseProfile ToProfile(this Course course) => new()
    {
        Id = course.Id,
        Title = course.Title,
        Provider = course.Provider,
        Skills = course.Skills.ToArray(),
        StartDate = course.StartDate,
        EndDate = course.EndDate,
        HoursPerWeek = course.HoursPerWeek,
        Seats = course.Seats,
        Enrolled = course.Enrolled,
        Remote = course.Remote,
        Location = course.Lat is { } lat && course.Lon is { } lon ? new GeoPoint(lat, lon) : null,
        DivisionCode = course.DivisionCode,
        Accommodations = course.Accommodations.ToArray(),
        MinAge = course.MinAge,
        MaxAge = course.MaxAge,
        MinEducation = course.MinEducation,
        Subsidized = course.Subsidized,
        ForPositions = course.ForPositions.ToArray(),
        IsOpen = course.Status == CourseStatus.Open,
    };
}
