using System.Net;
using System.Text.RegularExpressions;
using Employment.Tests.Infrastructure;

namespace Employment.Tests.Employers;

/// <summary>Form posts with repeated fields (checkbox groups), the way a browser sends them.</summary>
public static partial class EmployerClient
{
    public static async Task<HttpResponseMessage> PostFieldsAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields,
        string? page = null)
    {
        var form = await client.GetAsync(page ?? url);
        var html = await form.Content.ReadAsStringAsync();
        var token = Staff.AntiforgeryToken(html)
            ?? throw new InvalidOperationException($"no antiforgery token on {page ?? url} ({(int)form.StatusCode})");
        return await client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    /// <summary>A complete, valid position as the form posts it.</summary>
    public static List<KeyValuePair<string, string>> PositionForm(string title, string? street = "510104023", params (string Field, string Value)[] overrides)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Title", title),
            new("Input.Description", "负责小区楼道和公共区域的日常打扫，工作地点有无障碍通道。"),
            new("Input.Headcount", "2"),
            new("Input.MonthlyWage", "2600"),
            new("Input.HoursPerWeek", "40"),
            new("Input.DivisionCode", street ?? ""),
            new("Input.Address", "红星路二段77号"),
            new("Input.RequiredSkills", "clean.basic"),
            new("Input.PreferredSkills", "clean.machine"),
            new("Input.Accommodations", "step_free_access"),
            new("Input.Accommodations", "flexible_hours"),
            new("Input.Demands", "standing_long"),
            new("Input.MinAge", "18"),
            new("Input.MaxAge", "60"),
            new("Input.MinEducation", "primary"),
            new("Input.ValidUntil", DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        };
        foreach (var (field, value) in overrides)
        {
            fields.RemoveAll(f => f.Key == field);
            fields.Add(new(field, value));
        }
        return fields;
    }

    /// <summary>The position id a successful save redirected to.</summary>
    public static string SavedId(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"expected a redirect after saving, got {(int)response.StatusCode}: "
                + Errors(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()));
        }
        return response.Headers.Location!.OriginalString.Split('/').Last();
    }

    public static string Errors(string html) => string.Join(" | ", FieldErrorPattern().Matches(html).Select(m => m.Groups[1].Value));

    public static string Version(string html) => VersionPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("class=\"field-error[^\"]*\"[^>]*>([^<]+)<")]
    private static partial Regex FieldErrorPattern();

    [GeneratedRegex("name=\"(?:Input\\.)?Version\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex VersionPattern();
}
