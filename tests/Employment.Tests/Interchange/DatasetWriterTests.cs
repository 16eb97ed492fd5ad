using System.Collections;
using System.Text;
using Employment.Core.Interchange;
using Employment.Core.Taxonomy;
using static Employment.Tests.Interchange.Records;

namespace Employment.Tests.Interchange;

public class DatasetWriterTests
{
    [Fact]
    public void Reading_what_was_written_gives_the_same_dataset()
    {
        var written = EveryFieldSet();

        var read = ExampleDataset.Read(DatasetWriter.ToJson(written));

        Assert.Empty(read.Errors);
        AssertEquivalent(written, read.Dataset!, "dataset");
    }

    [Fact]
    public void The_example_survives_a_round_trip()
    {
        var example = DatasetReader.ReadFile(ExampleDataset.FilePath, Taxonomy.Embedded, ExampleDataset.Today).EnsureValid();

        var again = ExampleDataset.Read(DatasetWriter.ToJson(example)).EnsureValid();

        AssertEquivalent(example, again, "dataset");
    }

    [Fact]
    public void The_output_is_readable_json_without_empty_values()
    {
        var dataset = DatasetBuilder.ADataset()
            .WithEmployer("E-1", "锦江区城市管理局", publicSector: true)
            .With(APosition("P-1", "E-1").FromHome())
            .With(AHousehold("H-1", APerson("S-1")))
            .Build();

        var json = DatasetWriter.ToJson(dataset);

        Assert.StartsWith("{\n  \"format\": \"employment-dataset/1\",\n  \"region\": {\n    \"name\": \"成都市锦江区\"", json);
        Assert.Contains("\"title\": \"社区保洁员\"", json);
        Assert.DoesNotContain("\\u", json);
        Assert.DoesNotContain("null", json);
        Assert.DoesNotContain("[]", json);
        Assert.DoesNotContain("\"location\"", json.Split("\"households\"")[0]);
        Assert.DoesNotContain("\"skills\"", json);
        Assert.DoesNotContain("\r", json);
    }

    [Fact]
    public void Writing_to_a_stream_leaves_it_open_and_writes_utf8_without_a_bom()
    {
        using var output = new MemoryStream();

        DatasetWriter.Write(DatasetBuilder.ADataset().Build(), output);

        Assert.True(output.CanWrite);
        Assert.Equal((byte)'{', output.ToArray()[0]);
        Assert.Contains("成都市锦江区", Encoding.UTF8.GetString(output.ToArray()));
    }

    // Every property of every record differs from its default somewhere, so a field the writer or the
    // reader forgot cannot pass the round trip unnoticed.
    private static Dataset EveryFieldSet()
    {
        var cleaner = APosition("P-1", "E-1")
            .Requiring("clean.basic")
            .Preferring("clean.street", "green.maintain")
            .Offering("flexible_hours", "part_time")
            .Demanding("standing_long", "outdoor");
        cleaner.Description = "负责小区及周边道路清扫，公益性岗位。";
        cleaner.PublicWelfare = true;
        cleaner.Headcount = 3;
        cleaner.Filled = 1;
        cleaner.MonthlyWage = 2100.50m;
        cleaner.HoursPerWeek = 37.5;
        cleaner.Location = At(30.6431, 104.0905, "锦江区书院街街道", "510104017");
        cleaner.MinAge = 18;
        cleaner.MaxAge = 60;
        cleaner.MinEducation = "primary";
        cleaner.ValidUntil = new DateOnly(2027, 3, 31);
        cleaner.Status = "closed";

        var wheelchairUser = APerson("S-2", "李某").WithSkill("office.typing", 3).WithSkill("cs.online", 1).InWheelchair();
        wheelchairUser.IdNumber = "11010519491231002X";
        wheelchairUser.Age = 31;
        wheelchairUser.LaborCapacity = "partial";
        wheelchairUser.Employed = true;
        wheelchairUser.Education = "senior";
        wheelchairUser.PrefersRemote = true;
        wheelchairUser.MaxCommuteKm = 3.5;
        wheelchairUser.MaxHoursPerWeek = 30;
        wheelchairUser.DesiredWage = 2500;
        wheelchairUser.Location = At(30.6298, 104.1123, "锦江区牛市口街道", "510104020");

        var household = AHousehold("H-1", APerson("S-1"), wheelchairUser);
        household.Category = "expenditure";
        household.Size = 4;
        household.MonthlyIncome = 1700.25m;
        household.Causes = ["disability", "illness"];

        return DatasetBuilder.ADataset()
            .WithEmployer("E-1", "锦江区城市管理局", publicSector: true)
            .WithEmployer("E-2", "蓉城电商服务有限公司")
            .With(cleaner)
            .With(APosition("P-2", "E-2", "网店客服（居家）").FromHome().Requiring("cs.online"))
            .With(household)
            .Build();
    }

    // Compares every public property by reflection, so a field added to the records later is covered too.
    private static void AssertEquivalent(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null || expected is string || !expected.GetType().IsClass)
        {
            Assert.True(Equals(expected, actual), $"{path}: expected {expected ?? "null"}, read {actual ?? "null"}");
            return;
        }
        if (expected is IList expectedList)
        {
            var actualList = (IList)actual;
            Assert.True(expectedList.Count == actualList.Count, $"{path}: expected {expectedList.Count} items, read {actualList.Count}");
            for (var i = 0; i < expectedList.Count; i++)
            {
                AssertEquivalent(expectedList[i], actualList[i], $"{path}[{i}]");
            }
            return;
        }
        foreach (var property in expected.GetType().GetProperties())
        {
            AssertEquivalent(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }
}
