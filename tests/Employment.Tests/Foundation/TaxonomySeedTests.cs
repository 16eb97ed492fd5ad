using Employment.Core.Taxonomy;

namespace Employment.Tests.Foundation;

/// <summary>The seed tables as CsvHelper reads them: every row, quoted commas kept inside their field.</summary>
public sealed class TaxonomySeedTests
{
    [Fact]
    public void Quoted_fields_keep_their_commas_and_quotes_and_short_rows_read_as_empty()
    {
        var rows = Csv.ReadRows("code,name_zh,meaning\r\na,甲,\"lifting, carrying \"\"heavy\"\" loads\"\n\nb,乙\n").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("lifting, carrying \"heavy\" loads", rows[0]["meaning"]);
        Assert.Equal("", rows[1]["meaning"]);
        Assert.Equal("乙", rows[1]["name_zh"]);
    }

    [Fact]
    public void Every_row_of_the_seed_tables_is_a_term_with_both_names()
    {
        var taxonomy = Taxonomy.Embedded;
        foreach (var (file, kind) in new[] { ("skills.csv", TaxonomyKind.Skill), ("accommodations.csv", TaxonomyKind.Accommodation), ("demands.csv", TaxonomyKind.Demand) })
        {
            var lines = File.ReadAllLines(Path.Combine(Engine.MatchCliTests.RepoRoot(), "seed-data", "taxonomy", file)).Skip(1).Count(l => l.Trim().Length > 0);
            Assert.Equal(lines, taxonomy.All.Count(t => t.Kind == kind));
        }
        Assert.All(taxonomy.All, t => Assert.False(string.IsNullOrWhiteSpace(t.NameZh) || string.IsNullOrWhiteSpace(t.NameEn), t.Code));
        Assert.Contains(taxonomy.All, t => t.Meaning?.Contains(',') == true);
    }
}
