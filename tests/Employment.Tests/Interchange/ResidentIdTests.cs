using Employment.Core.Interchange;

namespace Employment.Tests.Interchange;

public class ResidentIdTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    // Check characters computed by hand from the GB 11643-1999 weights.
    [Theory]
    [InlineData("510104199001011230")]
    [InlineData("510104198506150020")]
    [InlineData("440304200002290014")] // born on a leap day
    [InlineData("11010519491231002X")]
    [InlineData("51010419700101001X")]
    [InlineData("510104202611240019")] // born today
    public void A_correct_number_is_valid_as_given(string id)
    {
        Assert.True(ResidentId.TryValidate(id, Today, out var normalised, out var problem));
        Assert.Equal(id, normalised);
        Assert.Null(problem);
    }

    [Fact]
    public void A_lower_case_check_x_is_accepted_and_made_upper_case()
    {
        Assert.True(ResidentId.TryValidate("11010519491231002x", Today, out var normalised, out _));
        Assert.Equal("11010519491231002X", normalised);
    }

    [Fact]
    public void Space_around_a_number_pasted_from_a_spreadsheet_is_dropped()
    {
        Assert.True(ResidentId.TryValidate(" 510104199001011230 ", Today, out var normalised, out _));
        Assert.Equal("510104199001011230", normalised);
    }

    [Theory]
    [InlineData("510104199001011234", "check digit should be 0")]
    [InlineData("110105194912310021", "check digit should be X")]
    [InlineData("51010419900101123", "must be 18 characters, not 17")]
    [InlineData("5101041990010112300", "must be 18 characters, not 19")]
    [InlineData("", "must not be empty")]
    [InlineData(null, "must not be empty")]
    [InlineData("5101041990O1011230", "the first 17 characters must be digits")]
    [InlineData("51010419900101123A", "the last character must be a digit or X")]
    [InlineData("990104199001011230", "division 990104 is not in a Chinese province")]
    [InlineData("190104199001011230", "division 190104 is not in a Chinese province")]
    [InlineData("510104199902310010", "birth date 19990231 is not a date")]
    [InlineData("510104199913010010", "birth date 19991301 is not a date")]
    [InlineData("510104189912310010", "birth date 18991231 is before 1900")]
    [InlineData("510104202611250014", "birth date 20261125 is in the future")]
    public void A_wrong_number_is_refused_with_the_reason(string? id, string expectedProblem)
    {
        Assert.False(ResidentId.TryValidate(id, Today, out var normalised, out var problem));
        Assert.Equal(expectedProblem, problem);
        Assert.Equal("", normalised);
    }

    [Theory]
    [InlineData("510104199001011230", "510104********1230")]
    [InlineData("11010519491231002X", "110105********002X")]
    public void Masking_hides_the_birth_date(string id, string masked) =>
        Assert.Equal(masked, ResidentId.Mask(id));

    [Fact]
    public void Masking_something_that_is_not_a_resident_id_hides_all_of_it() =>
        Assert.Equal("***********", ResidentId.Mask("G1234567890"));
}
