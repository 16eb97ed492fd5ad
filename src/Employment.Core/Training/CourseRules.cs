using Employment.Core.Matching;

namespace Employment.Core.Training;

/// <summary>The seven rules of the contract's "Who may take which course", numbered as there.</summary>
public enum CourseRule
{
    /// <summary>Started before the day, or every seat taken (or not offered at all).</summary>
    NotOpen = 1,
    PersonUnavailable = 2,
    NeedNotOffered = 3,
    TooFar = 4,
    AgeOrEducation = 5,
    Hours = 6,
    NothingNew = 7,
}

/// <summary>
/// The one home of the contract's course rules and of "within reach" and "unlocks". The advisor,
/// the counselor's enrolment, the kiosk and the CLI all ask here, so none can disagree on who may
/// take a course or what it opens up.
/// </summary>
public static class CourseRules
{
    /// <summary>The first rule the person fails for the course, or null when they may take it.</summary>
    public static CourseRule? Check(SeekerProfile person, CourseProfile course, DateOnly asOf) =>
        Check(person, course, asOf, out _);

    /// <summary>As <see cref="Check(SeekerProfile, CourseProfile, DateOnly)"/>, also giving the distance (null for remote).</summary>
    public static CourseRule? Check(SeekerProfile person, CourseProfile course, DateOnly asOf, out double? distanceKm)
    {
        distanceKm = null;
        if (!Open(course, asOf))
        {
            return CourseRule.NotOpen;
        }
        if (!HardRules.SeekerAvailable(person))
        {
            return CourseRule.PersonUnavailable;
        }
        foreach (var need in person.Needs)
        {
            if (!Offers(course, need))
            {
                return CourseRule.NeedNotOffered;
            }
        }
        if (!course.Remote)
        {
            if (course.Location is not { } where)
            {
                return CourseRule.TooFar;
            }
            var km = Geo.DistanceKm(person.Location, where);
            if (km > person.MaxCommuteKm)
            {
                return CourseRule.TooFar;
            }
            distanceKm = km;
        }
        if ((course.MinAge is { } min && person.Age < min)
            || (course.MaxAge is { } max && person.Age > max)
            || (course.MinEducation is { } edu && person.Education < edu))
        {
            return CourseRule.AgeOrEducation;
        }
        if (person.MaxHoursPerWeek is { } hours && course.HoursPerWeek is { } courseHours && courseHours > hours)
        {
            return CourseRule.Hours;
        }
        if (!TeachesSomethingNew(person, course))
        {
            return CourseRule.NothingNew;
        }
        return null;
    }

    /// <summary>Rule 1: not started before the day, a seat free, and offered at all.</summary>
    public static bool Open(CourseProfile course, DateOnly asOf) =>
        course.IsOpen && course.StartDate >= asOf && course.Enrolled < course.Seats;

    /// <summary>Rule 3's offer: the course's accommodations, and what being taught online meets by itself.</summary>
    public static bool Offers(CourseProfile course, string accommodation) =>
        course.Accommodations.Contains(accommodation, StringComparer.Ordinal) || (course.Remote && HardRules.MetByRemote.Contains(accommodation));

    /// <summary>Rule 7: a skill the person does not hold at the course's level or higher.</summary>
    public static bool TeachesSomethingNew(SeekerProfile person, CourseProfile course)
    {
        foreach (var taught in course.Skills)
        {
            if (LevelHeld(person.Skills, taught.Code) < taught.Level)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A position is within reach when it passes the seven match rules on the day and the person
    /// holds every one of its required skills, at any level.
    /// </summary>
    public static bool WithinReach(SeekerProfile person, PositionProfile position, DateOnly asOf) =>
        HardRules.Check(person, position, asOf) is null && HoldsAll(person.Skills, position.RequiredSkills, null);

    /// <summary>
    /// Whether the course unlocks the position for the person: not within reach now, within reach
    /// with the course's skills added. The contract's definition, stated once.
    /// </summary>
    public static bool Unlocks(SeekerProfile person, CourseProfile course, PositionProfile position, DateOnly asOf) =>
        HardRules.Check(person, position, asOf) is null
        && !HoldsAll(person.Skills, position.RequiredSkills, null)
        && HoldsAll(person.Skills, position.RequiredSkills, course.Skills);

    /// <summary>The person's skills after completing the course: each taught skill at the higher of the two levels.</summary>
    public static List<SkillLevel> SkillsAfter(IReadOnlyList<SkillLevel> held, IReadOnlyList<SkillLevel> taught)
    {
        var result = held.ToList();
        foreach (var skill in taught)
        {
            var at = result.FindIndex(s => s.Code == skill.Code);
            if (at < 0)
            {
                result.Add(skill);
            }
            else if (result[at].Level < skill.Level)
            {
                result[at] = skill;
            }
        }
        return result;
    }

    /// <summary>The required skills the person lacks (at any level), in the position's order.</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyList<SkillLevel> held, IReadOnlyList<string> required)
    {
        List<string>? missing = null;
        foreach (var code in required)
        {
            if (LevelHeld(held, code) == 0)
            {
                (missing ??= []).Add(code);
            }
        }
        return missing ?? (IReadOnlyList<string>)[];
    }

    public static int LevelHeld(IReadOnlyList<SkillLevel> held, string code)
    {
        for (var i = 0; i < held.Count; i++)
        {
            if (string.Equals(held[i].Code, code, StringComparison.Ordinal))
            {
                return held[i].Level;
            }
        }
        return 0;
    }

    private static bool HoldsAll(IReadOnlyList<SkillLevel> held, IReadOnlyList<string> required, IReadOnlyList<SkillLevel>? added)
    {
        foreach (var code in required)
        {
            if (LevelHeld(held, code) == 0 && (added is null || LevelHeld(added, code) == 0))
            {
                return false;
            }
        }
        return true;
    }
}
