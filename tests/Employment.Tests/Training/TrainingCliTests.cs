using System.Text.Json;
using System.Text.Json.Nodes;
using Employment.Tests.Infrastructure;

namespace Employment.Tests.Training;

/// <summary>`employment training` on the contract's example-training.json gives the answers the contract states.</summary>
public sealed class TrainingCliTests
{
    private const string AsOf = "2026-12-01";
    private static string Example => TestData.Path("example-training.json");

    [Fact]
    public async Task All_seekers_get_exactly_the_courses_and_unlocks_the_contract_states()
    {
        var result = await CliRunner.RunAsync("training", "--dataset", Example, "--all-seekers", "--as-of", AsOf);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = Lines(result.StdOut);
        Assert.Equal(["S-1", "S-2", "S-3"], lines.Select(l => l.GetProperty("seeker").GetString()));
        Assert.All(lines, l => Assert.Equal(AsOf, l.GetProperty("asOf").GetString()));

        var expected = new Dictionary<string, Dictionary<string, string[]>>
        {
            ["S-1"] = new() { ["C-1"] = ["P-3"], ["C-2"] = ["P-2"], ["C-3"] = [], ["C-4"] = ["P-5"] },
            ["S-2"] = new() { ["C-2"] = [], ["C-4"] = ["P-5"] },
            ["S-3"] = new() { ["C-1"] = [], ["C-2"] = [], ["C-3"] = [], ["C-4"] = ["P-5"] },
        };
        foreach (var line in lines)
        {
            var seeker = line.GetProperty("seeker").GetString()!;
            var courses = line.GetProperty("courses").EnumerateArray().ToList();
            Assert.Equal(expected[seeker].Keys.Order(), courses.Select(c => c.GetProperty("course").GetString()!).Order());
            foreach (var course in courses)
            {
                var id = course.GetProperty("course").GetString()!;
                var positions = course.GetProperty("positions").EnumerateArray().Select(p => p.GetString()!).ToArray();
                Assert.Equal(expected[seeker][id], positions);
                Assert.Equal(positions.Length, course.GetProperty("unlocks").GetInt32());
                Assert.NotEmpty(course.GetProperty("reasons").EnumerateArray());
            }
            // Nobody may take C-5 (full) or C-6 (started).
            Assert.DoesNotContain(courses, c => c.GetProperty("course").GetString() is "C-5" or "C-6");
        }
    }

    [Fact]
    public async Task A_course_that_opens_positions_ranks_above_one_that_opens_none_and_says_so()
    {
        var result = await CliRunner.RunAsync("training", "--dataset", Example, "--seeker", "S-1", "--as-of", AsOf, "--lang", "en");

        Assert.Equal(0, result.ExitCode);
        var courses = Assert.Single(Lines(result.StdOut)).GetProperty("courses").EnumerateArray().ToList();
        Assert.Equal("C-3", courses[^1].GetProperty("course").GetString());
        // C-1 is ordered by P-3's employer: a promised place ranks it first, and the reasons say so.
        Assert.Equal("C-1", courses[0].GetProperty("course").GetString());
        var reasons = courses[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("Opens 1 positions", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("Order-based", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Top_cuts_the_course_list()
    {
        var result = await CliRunner.RunAsync("training", "--dataset", Example, "--seeker", "S-3", "--as-of", AsOf, "--top", "2");

        Assert.Equal(2, Assert.Single(Lines(result.StdOut)).GetProperty("courses").GetArrayLength());
    }

    [Fact]
    public async Task Shortages_are_the_contract_stated_demand_and_supply()
    {
        var result = await CliRunner.RunAsync("training", "--dataset", Example, "--shortages", "--as-of", AsOf);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = Lines(result.StdOut);
        var actual = lines.ToDictionary(l => l.GetProperty("skill").GetString()!, l => (l.GetProperty("demand").GetInt32(), l.GetProperty("supply").GetInt32()));
        Assert.Equal(new Dictionary<string, (int, int)>
        {
            ["clean.basic"] = (3, 1), ["cs.online"] = (5, 1), ["office.typing"] = (5, 1),
            ["care.elder"] = (2, 0), ["office.data"] = (1, 0), ["prop.parking"] = (0, 0),
        }, actual);
        Assert.All(lines, l => Assert.Equal(AsOf, l.GetProperty("asOf").GetString()));
    }

    [Fact]
    public async Task A_dataset_without_courses_is_valid_and_offers_no_course()
    {
        var result = await CliRunner.RunAsync("training", "--dataset", TestData.ExampleDataset, "--seeker", "S-1", "--as-of", AsOf);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, Assert.Single(Lines(result.StdOut)).GetProperty("courses").GetArrayLength());
    }

    [Theory]
    [InlineData("enrolled", "11", "course C-1, enrolled")]
    [InlineData("skills", "[]", "course C-1, skills")]
    [InlineData("startDate", "'2027-02-01'", "course C-1, endDate")]
    [InlineData("forPositions", "['P-99']", "course C-1, forPositions[0]")]
    [InlineData("location", null, "course C-1, location")]
    public async Task A_broken_course_is_refused_naming_record_and_field(string field, string? value, string expected)
    {
        using var dir = new TempDir();
        var json = JsonNode.Parse(File.ReadAllText(Example))!;
        var course = json["courses"]![0]!.AsObject();
        course["seats"] = 10;
        if (value is null)
        {
            course.Remove(field);
        }
        else
        {
            course[field] = JsonNode.Parse(value.Replace('\'', '"'));
        }
        var broken = dir.File("broken.json");
        File.WriteAllText(broken, json.ToJsonString());

        var result = await CliRunner.RunAsync("training", "--dataset", broken, "--all-seekers", "--as-of", AsOf);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Contains(expected, result.StdErr);
    }

    [Fact]
    public async Task Exactly_one_subject_is_required()
    {
        var result = await CliRunner.RunAsync("training", "--dataset", Example, "--seeker", "S-1", "--shortages");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
    }

    private static List<JsonElement> Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}

/// <summary>Courses survive the dataset's write and read unchanged, and a course's bad fields are named like the rest.</summary>
public sealed class CourseDatasetTests
{
    private static Employment.Core.Interchange.DatasetReadResult Read(string json) =>
        Employment.Core.Interchange.DatasetReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)),
            Employment.Core.Taxonomy.Taxonomy.Embedded, new DateOnly(2026, 12, 1));

    [Fact]
    public void Courses_round_trip_through_the_writer()
    {
        var first = Read(File.ReadAllText(TestData.Path("example-training.json"))).EnsureValid();
        var written = Employment.Core.Interchange.DatasetWriter.ToJson(first);
        var second = Read(written).EnsureValid();

        Assert.Equal(6, second.Courses.Count);
        Assert.Equal(written, Employment.Core.Interchange.DatasetWriter.ToJson(second));
        var c1 = second.Courses[0];
        Assert.Equal(["P-3"], c1.ForPositions);
        Assert.Equal(2, c1.Skills.Count);
        Assert.True(second.Courses[1].Remote);
        Assert.Null(second.Courses[1].Location);
    }

    [Fact]
    public void Every_fault_of_a_course_is_reported_at_once()
    {
        var json = JsonNode.Parse(File.ReadAllText(TestData.Path("example-training.json")))!;
        var course = json["courses"]![2]!.AsObject();
        course["skills"]![0]!["code"] = "juggling";
        course["seats"] = 0;
        course.Remove("provider");
        course["id"] = "C-1";

        var errors = Read(json.ToJsonString()).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.StartsWith("course C-1, skills[0].code: unknown skill code 'juggling'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("course C-1, seats:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e == "course C-1, provider: required");
        Assert.Contains(errors, e => e.StartsWith("course C-1, id: is not unique", StringComparison.Ordinal));
    }
}
