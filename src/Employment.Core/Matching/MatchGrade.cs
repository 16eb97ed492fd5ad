namespace Employment.Core.Matching;

/// <summary>
/// A score as a counselor reads it at a glance: a percentage and one to five stars, with the
/// factors behind it as percentages. The score itself (0..1) stays what the engine and the contract use.
/// </summary>
public static class MatchGrade
{
    public static int Percent(double value) => (int)Math.Round(Math.Clamp(value, 0, 1) * 100, MidpointRounding.AwayFromZero);

    /// <summary>Five steps: 75 % and up is five stars, then every 15 points one fewer, never below one.</summary>
    public static int Stars(double score) => score switch
    {
        >= 0.75 => 5,
        >= 0.60 => 4,
        >= 0.45 => 3,
        >= 0.30 => 2,
        _ => 1,
    };
}
