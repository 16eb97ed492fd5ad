namespace Employment.Kiosk.Infrastructure;

/// <summary>Which icon of wwwroot/icons.svg stands for a kind of work, an offer or a demand.</summary>
public static class KioskIcons
{
    private static readonly Dictionary<string, string> Groups = new(StringComparer.Ordinal)
    {
        ["cleaning"] = "clean", ["care"] = "care", ["catering"] = "food", ["greening"] = "leaf", ["agriculture"] = "leaf",
        ["customer service"] = "service", ["driving"] = "car", ["logistics"] = "box", ["manufacturing"] = "gear",
        ["trades"] = "gear", ["office"] = "office", ["retail"] = "shop", ["security"] = "shield", ["property"] = "building",
        ["community"] = "building", ["beauty"] = "scissors", ["handicraft"] = "scissors", ["it"] = "computer",
        ["media"] = "computer", ["language"] = "book", ["domestic"] = "clean",
    };

    private static readonly Dictionary<string, string> Terms = new(StringComparer.Ordinal)
    {
        ["step_free_access"] = "a-wheelchair", ["accessible_toilet"] = "toilet", ["sign_language"] = "a-sign",
        ["screen_reader"] = "speaker", ["large_print"] = "text", ["flexible_hours"] = "clock", ["part_time"] = "clock",
        ["remote_work"] = "a-remote", ["seated_work"] = "a-seated", ["adapted_workstation"] = "g-computer",
        ["quiet_workspace"] = "moon", ["job_coach"] = "user", ["rest_breaks"] = "pause", ["transport"] = "g-car",
        ["lifting_heavy"] = "lift", ["standing_long"] = "person", ["walking_long"] = "walk", ["climbing"] = "ladder",
        ["fine_motor"] = "a-sign", ["fine_vision"] = "eye", ["color_vision"] = "palette", ["hearing"] = "ear",
        ["speaking"] = "bubble", ["reading_writing"] = "g-book", ["outdoor"] = "sun", ["driving"] = "g-car",
        ["night_shift"] = "moon", ["computer_use"] = "g-computer",
    };

    /// <summary>The group's icon id without its "g-" prefix.</summary>
    public static string Group(string group) => Groups.GetValueOrDefault(group) ?? "other";

    /// <summary>The full icon id for an accommodation or demand code.</summary>
    public static string Term(string code) => Terms.GetValueOrDefault(code) ?? "check";
}
