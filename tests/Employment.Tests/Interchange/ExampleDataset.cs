using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Employment.Core.Interchange;
using Employment.Core.Taxonomy;

namespace Employment.Tests.Interchange;

/// <summary>The contract's example dataset as a JSON tree, so a test can break exactly one field of it.</summary>
internal static partial class ExampleDataset
{
    public static readonly DateOnly Today = new(2026, 11, 24);

    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "example-dataset.json");

    public static JsonObject Load() => JsonNode.Parse(File.ReadAllText(FilePath))!.AsObject();

    public static DatasetReadResult Read(string json) =>
        DatasetReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), Taxonomy.Embedded, Today);

    public static DatasetReadResult Read(JsonObject json) => Read(json.ToJsonString());

    /// <summary>
    /// Sets the value at a contract path such as <c>households[1].members[0].skills[0].code</c>. The value is
    /// JSON with single quotes for double (<c>'clean.xyz'</c>); null removes the field or list item, and an
    /// index one past the end appends.
    /// </summary>
    public static JsonObject With(this JsonObject root, string path, string? value)
    {
        var steps = path.Split('.').Select(ParseStep).ToArray();
        JsonNode node = root;
        foreach (var (name, index) in steps[..^1])
        {
            node = node[name]!;
            if (index is { } i)
            {
                node = node[i]!;
            }
        }
        var (lastName, lastIndex) = steps[^1];
        var newValue = value is null ? null : JsonNode.Parse(value.Replace('\'', '"'));
        if (lastIndex is not { } at)
        {
            var parent = node.AsObject();
            if (newValue is null)
            {
                parent.Remove(lastName);
            }
            else
            {
                parent[lastName] = newValue;
            }
            return root;
        }
        var list = node[lastName]!.AsArray();
        if (newValue is null)
        {
            list.RemoveAt(at);
        }
        else if (at == list.Count)
        {
            list.Add(newValue);
        }
        else
        {
            list[at] = newValue;
        }
        return root;
    }

    private static (string Name, int? Index) ParseStep(string step)
    {
        var match = StepPattern().Match(step);
        if (!match.Success)
        {
            throw new ArgumentException($"not a path step: {step}");
        }
        return (match.Groups[1].Value, match.Groups[2].Success ? int.Parse(match.Groups[2].Value) : null);
    }

    [GeneratedRegex(@"^(\w+)(?:\[(\d+)\])?$")]
    private static partial Regex StepPattern();
}
