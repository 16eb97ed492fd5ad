using Employment.Core.Interchange;

namespace Employment.Tests.Interchange;

/// <summary>
/// One row per rule of the contract: break one field of the valid example dataset and expect exactly
/// one error, naming the record and field the way a person fixing the file would look for them.
/// S-1 is the member of H-1, S-2 of H-2 and S-3 of H-3; P-1 has headcount 3 and maxAge 60.
/// </summary>
public class DatasetRuleTests
{
    private const string Cause = "illness, disability, education, lack_skills, lack_labor, elderly, disaster, unemployment";
    private const string Educations = "none, primary, junior, senior, vocational, college, bachelor";

    [Theory]
    // the document
    [InlineData("format", "'employment-dataset/2'", "dataset", "format", "must be 'employment-dataset/1', not 'employment-dataset/2'")]
    [InlineData("format", null, "dataset", "format", "required")]
    [InlineData("region", null, "dataset", "region", "required")]
    [InlineData("region", "[]", "dataset", "region", "must be an object, not a list")]
    [InlineData("positions", "{}", "dataset", "positions", "must be a list, not an object")]
    [InlineData("positions[5]", "'P-6'", "dataset", "positions[5]", "must be an object, not a string")]
    // region
    [InlineData("region.name", null, "region", "name", "required")]
    [InlineData("region.name", "' '", "region", "name", "must not be empty")]
    [InlineData("region.dibaoLine", "-1", "region", "dibaoLine", "must be between 0 and 100000, not -1")]
    [InlineData("region.dibaoLine", "'500'", "region", "dibaoLine", "must be a number, not a string")]
    [InlineData("region.edgeLine", null, "region", "edgeLine", "required")]
    [InlineData("region.edgeLine", "400", "region", "edgeLine", "must not be below dibaoLine 500, not 400")]
    // employers
    [InlineData("employers[3]", "{'name':'新雇主'}", "employers[3]", "id", "required")]
    [InlineData("employers[3]", "{'id':'E-1','name':'重名'}", "employer E-1", "id", "is not unique: employers[0] has it too")]
    [InlineData("employers[0].publicSector", "'yes'", "employer E-1", "publicSector", "must be true or false, not a string")]
    // positions
    [InlineData("positions[0].id", null, "positions[0]", "id", "required")]
    [InlineData("positions[0].id", "''", "positions[0]", "id", "must not be empty")]
    [InlineData("positions[0].id", "7", "positions[0]", "id", "must be a string, not a number")]
    [InlineData("positions[1].id", "'P-1'", "position P-1", "id", "is not unique: positions[0] has it too")]
    [InlineData("positions[0].title", null, "position P-1", "title", "required")]
    [InlineData("positions[0].employerId", null, "position P-1", "employerId", "required")]
    [InlineData("positions[0].employerId", "'E-9'", "position P-1", "employerId", "no employer has the id 'E-9'")]
    [InlineData("positions[0].monthlyWage", null, "position P-1", "monthlyWage", "required")]
    [InlineData("positions[0].monthlyWage", "-1", "position P-1", "monthlyWage", "must be more than 0 and at most 100000, not -1")]
    [InlineData("positions[0].headcount", "0", "position P-1", "headcount", "must be between 1 and 1000, not 0")]
    [InlineData("positions[0].headcount", "1.5", "position P-1", "headcount", "must be a whole number, not 1.5")]
    [InlineData("positions[0].headcount", "3000000000", "position P-1", "headcount", "is out of range: 3000000000")]
    [InlineData("positions[0].monthlyWage", "1e400", "position P-1", "monthlyWage", "is out of range: 1e400")]
    [InlineData("positions[0].hoursPerWeek", "1e400", "position P-1", "hoursPerWeek", "is out of range: 1e400")]
    [InlineData("positions[0].filled", "-1", "position P-1", "filled", "must be at least 0, not -1")]
    [InlineData("positions[0].filled", "4", "position P-1", "filled", "must not exceed headcount 3, not 4")]
    [InlineData("positions[0].hoursPerWeek", "0", "position P-1", "hoursPerWeek", "must be more than 0 and at most 84, not 0")]
    [InlineData("positions[0].hoursPerWeek", "84.5", "position P-1", "hoursPerWeek", "must be more than 0 and at most 84, not 84.5")]
    [InlineData("positions[0].publicWelfare", "'yes'", "position P-1", "publicWelfare", "must be true or false, not a string")]
    [InlineData("positions[0].location", null, "position P-1", "location", "required unless the position is remote")]
    [InlineData("positions[0].location", "'锦江区'", "position P-1", "location", "must be an object, not a string")]
    [InlineData("positions[0].location.lat", null, "position P-1", "location.lat", "required")]
    [InlineData("positions[0].location.lat", "90.5", "position P-1", "location.lat", "must be between -90 and 90, not 90.5")]
    [InlineData("positions[0].location.lon", "-180.5", "position P-1", "location.lon", "must be between -180 and 180, not -180.5")]
    [InlineData("positions[0].requiredSkills[1]", "'clean.xyz'", "position P-1", "requiredSkills[1]", "unknown skill code 'clean.xyz'")]
    [InlineData("positions[0].requiredSkills[1]", "'clean.basic'", "position P-1", "requiredSkills[1]", "'clean.basic' is listed twice")]
    [InlineData("positions[0].requiredSkills[0]", "3", "position P-1", "requiredSkills[0]", "must be a string, not a number")]
    [InlineData("positions[0].preferredSkills[0]", "'outdoor'", "position P-1", "preferredSkills[0]", "unknown skill code 'outdoor'")]
    [InlineData("positions[0].accommodations[0]", "'outdoor'", "position P-1", "accommodations[0]", "unknown accommodation code 'outdoor'")]
    [InlineData("positions[0].demands[0]", "'flexible_hours'", "position P-1", "demands[0]", "unknown demand code 'flexible_hours'")]
    [InlineData("positions[0].demands", "'outdoor'", "position P-1", "demands", "must be a list, not a string")]
    [InlineData("positions[0].minAge", "61", "position P-1", "minAge", "must not be above maxAge 60, not 61")]
    [InlineData("positions[0].maxAge", "121", "position P-1", "maxAge", "must be between 0 and 120, not 121")]
    [InlineData("positions[0].minEducation", "'Junior'", "position P-1", "minEducation", "unknown education 'Junior'; the contract's are " + Educations)]
    [InlineData("positions[0].validUntil", "'2027-02-30'", "position P-1", "validUntil", "must be a date YYYY-MM-DD, not '2027-02-30'")]
    [InlineData("positions[0].validUntil", "'2027-3-31'", "position P-1", "validUntil", "must be a date YYYY-MM-DD, not '2027-3-31'")]
    [InlineData("positions[0].status", "'paused'", "position P-1", "status", "unknown status 'paused'; the contract's are open, closed")]
    // households
    [InlineData("households[0].id", null, "households[0]", "id", "required")]
    [InlineData("households[1].id", "'H-1'", "household H-1", "id", "is not unique: households[0] has it too")]
    [InlineData("households[0].category", "'poor'", "household H-1", "category", "unknown household category 'poor'; the contract's are dibao, dibao_edge, expenditure, extreme")]
    [InlineData("households[0].size", null, "household H-1", "size", "required")]
    [InlineData("households[0].size", "0", "household H-1", "size", "must be between 1 and 50, not 0")]
    [InlineData("households[0].monthlyIncome", "-1", "household H-1", "monthlyIncome", "must be between 0 and 1000000, not -1")]
    [InlineData("households[0].causes[1]", "'laziness'", "household H-1", "causes[1]", "unknown cause 'laziness'; the contract's are " + Cause)]
    [InlineData("households[0].causes[1]", "'illness'", "household H-1", "causes[1]", "'illness' is listed twice")]
    [InlineData("households[0].location", null, "household H-1", "location", "required")]
    [InlineData("households[0].location.lon", "'104.09'", "household H-1", "location.lon", "must be a number, not a string")]
    [InlineData("households[0].members", null, "household H-1", "members", "required: at least one person")]
    [InlineData("households[0].members", "[]", "household H-1", "members", "must list at least one person")]
    [InlineData("households[0].members[0]", "'S-1'", "household H-1", "members[0]", "must be an object, not a string")]
    // persons
    [InlineData("households[1].members[0].id", null, "person members[0] (household H-2)", "id", "required")]
    [InlineData("households[1].members[0].id", "'S-1'", "person S-1 (household H-2)", "id", "is also a member of household H-1")]
    [InlineData("households[0].members[1]", "{'id':'S-1','name':'张某某','age':48,'laborCapacity':'full'}", "person S-1 (household H-1)", "id", "is listed twice in household H-1")]
    [InlineData("households[1].members[0].name", null, "person S-2 (household H-2)", "name", "required")]
    [InlineData("households[1].members[0].age", null, "person S-2 (household H-2)", "age", "required")]
    [InlineData("households[1].members[0].age", "121", "person S-2 (household H-2)", "age", "must be between 0 and 120, not 121")]
    [InlineData("households[1].members[0].age", "-1", "person S-2 (household H-2)", "age", "must be between 0 and 120, not -1")]
    [InlineData("households[1].members[0].laborCapacity", null, "person S-2 (household H-2)", "laborCapacity", "required")]
    [InlineData("households[1].members[0].laborCapacity", "'half'", "person S-2 (household H-2)", "laborCapacity", "unknown labor capacity 'half'; the contract's are full, partial, none")]
    [InlineData("households[1].members[0].employed", "1", "person S-2 (household H-2)", "employed", "must be true or false, not a number")]
    [InlineData("households[1].members[0].education", "'phd'", "person S-2 (household H-2)", "education", "unknown education 'phd'; the contract's are " + Educations)]
    [InlineData("households[1].members[0].skills[0].code", "'typing'", "person S-2 (household H-2)", "skills[0].code", "unknown skill code 'typing'")]
    [InlineData("households[1].members[0].skills[0].code", null, "person S-2 (household H-2)", "skills[0].code", "required")]
    [InlineData("households[1].members[0].skills[1].code", "'office.typing'", "person S-2 (household H-2)", "skills[1].code", "'office.typing' is listed twice")]
    [InlineData("households[1].members[0].skills[0].level", "4", "person S-2 (household H-2)", "skills[0].level", "must be between 1 and 3, not 4")]
    [InlineData("households[1].members[0].skills[0].level", null, "person S-2 (household H-2)", "skills[0].level", "required")]
    [InlineData("households[1].members[0].skills[0]", "'office.typing'", "person S-2 (household H-2)", "skills[0]", "must be an object, not a string")]
    [InlineData("households[1].members[0].disability.type", "'blind'", "person S-2 (household H-2)", "disability.type", "unknown disability type 'blind'; the contract's are visual, hearing, speech, physical, intellectual, mental, multiple")]
    [InlineData("households[1].members[0].disability.grade", "0", "person S-2 (household H-2)", "disability.grade", "must be between 1 and 4, not 0")]
    [InlineData("households[1].members[0].disability.grade", null, "person S-2 (household H-2)", "disability.grade", "required")]
    [InlineData("households[1].members[0].limits[0]", "'step_free_access'", "person S-2 (household H-2)", "limits[0]", "unknown demand code 'step_free_access'")]
    [InlineData("households[1].members[0].needs[0]", "'lifting_heavy'", "person S-2 (household H-2)", "needs[0]", "unknown accommodation code 'lifting_heavy'")]
    [InlineData("households[1].members[0].needs[1]", "'step_free_access'", "person S-2 (household H-2)", "needs[1]", "'step_free_access' is listed twice")]
    [InlineData("households[1].members[0].prefersRemote", "'true'", "person S-2 (household H-2)", "prefersRemote", "must be true or false, not a string")]
    [InlineData("households[1].members[0].maxCommuteKm", "0", "person S-2 (household H-2)", "maxCommuteKm", "must be more than 0 and at most 300, not 0")]
    [InlineData("households[2].members[0].maxHoursPerWeek", "200", "person S-3 (household H-3)", "maxHoursPerWeek", "must be more than 0 and at most 84, not 200")]
    [InlineData("households[0].members[0].desiredWage", "-100", "person S-1 (household H-1)", "desiredWage", "must be between 0 and 100000, not -100")]
    [InlineData("households[1].members[0].location", "{'lat':30.63}", "person S-2 (household H-2)", "location.lon", "required")]
    [InlineData("households[1].members[0].idNumber", "'510104199001011234'", "person S-2 (household H-2)", "idNumber", "check digit should be 0")]
    [InlineData("households[1].members[0].idNumber", "510104199001011230", "person S-2 (household H-2)", "idNumber", "must be a string, not a number")]
    public void Breaking_one_field_names_its_record_and_field(string path, string? value, string record, string field, string message)
    {
        var result = ExampleDataset.Read(ExampleDataset.Load().With(path, value));

        Assert.False(result.IsValid);
        Assert.Null(result.Dataset);
        Assert.Equal(new DatasetError(record, field, message), Assert.Single(result.Errors));
    }
}
