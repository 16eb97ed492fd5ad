using Employment.Core.Interchange;
using Employment.Core.Taxonomy;

namespace Employment.Tests.Interchange;

public class DatasetReaderTests
{
    [Fact]
    public void The_contracts_example_is_valid()
    {
        var result = DatasetReader.ReadFile(ExampleDataset.FilePath, Taxonomy.Embedded, ExampleDataset.Today);

        Assert.Empty(result.Errors);
        Assert.True(result.IsValid);
        var dataset = result.Dataset;
        Assert.Equal("成都市锦江区", dataset.Region.Name);
        Assert.Equal(750m, dataset.Region.EdgeLine);
        Assert.Equal(["E-1", "E-2", "E-3"], dataset.Employers.Select(e => e.Id));
        Assert.Equal(["P-1", "P-2", "P-3", "P-4", "P-5"], dataset.Positions.Select(p => p.Id));
        Assert.Equal(["S-1", "S-2", "S-3"], dataset.Households.SelectMany(h => h.Members).Select(p => p.Id));

        var cleaner = dataset.Positions[0];
        Assert.Equal(["standing_long", "walking_long", "outdoor"], cleaner.Demands);
        Assert.Equal(new DateOnly(2027, 3, 31), cleaner.ValidUntil);
        Assert.Equal(30.6431, cleaner.Location!.Lat);

        var wheelchairUser = dataset.Households[1].Members[0];
        Assert.Equal("physical", wheelchairUser.Disability!.Type);
        Assert.Equal(2, wheelchairUser.Disability.Grade);
        Assert.Equal([("office.typing", 3), ("cs.online", 1)], wheelchairUser.Skills.Select(s => (s.Code, s.Level)));
    }

    [Fact]
    public void Absent_fields_take_the_contracts_defaults()
    {
        var json = ExampleDataset.Load()
            .With("positions[0].headcount", null)
            .With("positions[0].publicWelfare", null)
            .With("households[0].members[0].education", null)
            .With("households[0].members[0].maxCommuteKm", null);

        var dataset = ExampleDataset.Read(json).EnsureValid();

        var cleaner = dataset.Positions[0];
        Assert.Equal(1, cleaner.Headcount);
        Assert.Equal(0, cleaner.Filled);
        Assert.False(cleaner.PublicWelfare);
        Assert.Equal("open", cleaner.Status);
        Assert.False(cleaner.Remote);
        var parkingAttendant = dataset.Positions[3];
        Assert.Equal(40, parkingAttendant.HoursPerWeek);
        Assert.Empty(parkingAttendant.PreferredSkills);
        Assert.Null(parkingAttendant.ValidUntil);

        var person = dataset.Households[0].Members[0];
        Assert.Equal("none", person.Education);
        Assert.Equal(10, person.MaxCommuteKm);
        Assert.False(person.Employed);
        Assert.False(person.PrefersRemote);
        Assert.Null(person.MaxHoursPerWeek);
        Assert.Null(person.Location);
        Assert.Null(person.Disability);
    }

    [Fact]
    public void Null_is_read_as_absent()
    {
        var json = ExampleDataset.Load()
            .With("positions[0].description", "null")
            .With("positions[0].headcount", "null");

        var cleaner = ExampleDataset.Read(json).EnsureValid().Positions[0];

        Assert.Null(cleaner.Description);
        Assert.Equal(1, cleaner.Headcount);
    }

    [Fact]
    public void Fields_the_contract_does_not_know_are_ignored()
    {
        var json = ExampleDataset.Load()
            .With("generator", "{'name':'district export','version':3}")
            .With("positions[0].source", "'job fair'")
            .With("positions[0].location.floor", "2")
            .With("households[0].members[0].phone", "'13800000000'");

        Assert.True(ExampleDataset.Read(json).IsValid);
    }

    [Fact]
    public void A_position_offering_remote_work_is_remote_and_needs_no_location()
    {
        var json = ExampleDataset.Load()
            .With("positions[0].location", null)
            .With("positions[0].accommodations[1]", "'remote_work'");

        var position = ExampleDataset.Read(json).EnsureValid().Positions[0];

        Assert.True(position.Remote);
        Assert.Null(position.Location);
    }

    [Fact]
    public void A_resident_id_is_stored_normalised()
    {
        var json = ExampleDataset.Load().With("households[1].members[0].idNumber", "'11010519491231002x'");

        var person = ExampleDataset.Read(json).EnsureValid().Households[1].Members[0];

        Assert.Equal("11010519491231002X", person.IdNumber);
    }

    [Fact]
    public void A_birth_date_after_the_given_today_is_refused()
    {
        var json = ExampleDataset.Load().With("households[1].members[0].idNumber", "'510104202611250014'");

        var error = Assert.Single(ExampleDataset.Read(json).Errors);

        Assert.Equal(new DatasetError("person S-2 (household H-2)", "idNumber", "birth date 20261125 is in the future"), error);
    }

    [Fact]
    public void Two_people_with_one_resident_id_are_refused()
    {
        var json = ExampleDataset.Load()
            .With("households[0].members[0].idNumber", "'510104199001011230'")
            .With("households[1].members[0].idNumber", "'510104199001011230'");

        var error = Assert.Single(ExampleDataset.Read(json).Errors);

        Assert.Equal(new DatasetError("person S-2 (household H-2)", "idNumber",
            "is the same resident ID as that of person S-1 (household H-1)"), error);
    }

    [Fact]
    public void A_household_smaller_than_its_member_list_is_refused()
    {
        var json = ExampleDataset.Load()
            .With("households[1].size", "1")
            .With("households[1].members[1]", "{'id':'S-9','name':'李某某','age':60,'laborCapacity':'none'}");

        var error = Assert.Single(ExampleDataset.Read(json).Errors);

        Assert.Equal(new DatasetError("household H-2", "size", "must count every member: is 1 but 2 members are listed"), error);
    }

    [Fact]
    public void Every_fault_is_reported_not_just_the_first()
    {
        var json = ExampleDataset.Load()
            .With("positions[2].requiredSkills[0]", "'care.xyz'")
            .With("households[2].members[0].id", "'S-1'")
            .With("households[1].members[0].idNumber", "'510104199001011234'");

        var result = ExampleDataset.Read(json);

        Assert.Equal(
            [
                new DatasetError("position P-3", "requiredSkills[0]", "unknown skill code 'care.xyz'"),
                new DatasetError("person S-2 (household H-2)", "idNumber", "check digit should be 0"),
                new DatasetError("person S-1 (household H-3)", "id", "is also a member of household H-1"),
            ],
            result.Errors);
        Assert.Null(result.Dataset);
    }

    [Fact]
    public void Broken_json_is_one_error_with_its_line_and_position()
    {
        var result = ExampleDataset.Read("{\n  \"format\": \"employment-dataset/1\",\n  \"region\": {\n}}}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("dataset", error.Record);
        Assert.Equal("", error.Field);
        Assert.Equal("not valid JSON at line 4, position 3", error.Message);
    }

    [Fact]
    public void A_field_given_twice_is_named()
    {
        var json = ExampleDataset.Load().ToJsonString().Replace("\"headcount\":3,", "\"headcount\":3,\"headcount\":4,");

        var error = Assert.Single(ExampleDataset.Read(json).Errors);

        Assert.Equal(new DatasetError("position P-1", "headcount", "is given more than once"), error);
    }

    [Fact]
    public void A_whole_number_written_with_a_decimal_point_is_whole()
    {
        var json = ExampleDataset.Load().With("positions[0].headcount", "3.0");

        Assert.Equal(3, ExampleDataset.Read(json).EnsureValid().Positions[0].Headcount);
    }

    [Fact]
    public void A_file_saved_as_gbk_is_refused_with_the_line()
    {
        // 张 in GBK is D5 C5, which is not UTF-8.
        byte[] gbk = [.. "{\n  \"name\": \""u8, 0xD5, 0xC5, .. "\"\n}"u8];

        var result = DatasetReader.Read(new MemoryStream(gbk), Taxonomy.Embedded, ExampleDataset.Today);

        Assert.Equal(new DatasetError("dataset", "", "not UTF-8 text at line 2: save the file as UTF-8"), Assert.Single(result.Errors));
    }

    [Fact]
    public void A_byte_order_mark_is_allowed()
    {
        byte[] withMark = [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(ExampleDataset.FilePath)];

        Assert.True(DatasetReader.Read(new MemoryStream(withMark), Taxonomy.Embedded, ExampleDataset.Today).IsValid);
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_refused()
    {
        Assert.Equal(new DatasetError("dataset", "", "must be a JSON object, not a list"), Assert.Single(ExampleDataset.Read("[]").Errors));
    }

    [Fact]
    public void An_error_reads_as_record_field_and_message()
    {
        Assert.Equal("position P-3, requiredSkills[1]: unknown skill code 'clean.xyz'",
            new DatasetError("position P-3", "requiredSkills[1]", "unknown skill code 'clean.xyz'").ToString());
        Assert.Equal("dataset: not valid JSON at line 1, position 1",
            new DatasetError("dataset", "", "not valid JSON at line 1, position 1").ToString());
    }

    [Fact]
    public void Insisting_on_a_valid_dataset_throws_every_error()
    {
        var json = ExampleDataset.Load()
            .With("region.name", null)
            .With("positions[0].headcount", "0");

        var exception = Assert.Throws<DatasetException>(() => ExampleDataset.Read(json).EnsureValid());

        Assert.Equal(["region, name: required", "position P-1, headcount: must be between 1 and 1000, not 0"],
            exception.Errors.Select(e => e.ToString()));
        Assert.Contains("position P-1, headcount", exception.Message);
    }
}
