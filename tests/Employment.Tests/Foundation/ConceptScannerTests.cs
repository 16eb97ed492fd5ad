using Employment.Core.Taxonomy;

namespace Employment.Tests.Foundation;

/// <summary>
/// The one rule for text naming a taxonomy concept, shared by the indexes, search and the employer's
/// form: these pin where it draws the line.
/// </summary>
public sealed class ConceptScannerTests
{
    private static readonly ConceptScanner Scanner = ConceptScanner.Embedded;
    private static readonly TaxonomySuggester Suggester = new(Taxonomy.Embedded);

    [Fact]
    public void A_chinese_word_inside_another_word_names_nothing()
    {
        // 护工 (a carer) sits across 养护 (upkeep) in 绿化养护工, a gardener's title.
        Assert.DoesNotContain("care.elder", Scanner.ConceptsIn("绿化养护工"));
        Assert.DoesNotContain("care.elder", Suggester.Suggest("绿化养护工", "负责小区绿化带的日常养护").Select(s => s.Code));
        // ... and it still counts where it is a word of its own.
        Assert.Contains("care.elder", Scanner.ConceptsIn("招聘护工两名"));
        Assert.Contains("care.elder", Scanner.ConceptsIn("护工"));
    }

    [Fact]
    public void A_word_at_the_start_of_a_longer_word_still_counts()
    {
        var concepts = Scanner.ConceptsIn("写字楼保洁员");
        Assert.Contains("clean.commercial", concepts);
        Assert.Contains("care.elder", Scanner.ConceptsIn("养老院护理员"));
    }

    [Fact]
    public void Two_letter_latin_words_count_only_as_the_taxonomy_writes_them_and_only_standing_alone()
    {
        Assert.Contains("cert.driver_b2", Scanner.ConceptsIn("须持B2驾照"));
        Assert.Contains("it.support", Scanner.ConceptsIn("IT 运维"));
        Assert.DoesNotContain("it.support", Scanner.ConceptsIn("make it work with us"));
        Assert.DoesNotContain("media.design", Scanner.ConceptsIn("Upside down"));
        Assert.Contains("clean.commercial", Scanner.ConceptsIn("Office Cleaning, evenings"));
    }

    [Fact]
    public void The_form_and_the_engine_read_a_posting_alike()
    {
        const string title = "物业保洁员";
        const string description = "负责楼道打扫，看护老人经验优先，持B2驾照";
        var engine = Scanner.ConceptsIn(title + "\n" + description);
        var form = Suggester.Suggest(title, description).Where(s => s.Kind == TaxonomyKind.Skill).Select(s => s.Code).ToHashSet();
        Assert.Subset(engine.ToHashSet(), form);
        Assert.Contains("cert.driver_b2", form);
        Assert.Contains("care.elder", form);
    }

    [Fact]
    public void Each_mention_says_where_it_is_and_what_was_written()
    {
        var mention = Assert.Single(Scanner.Scan("夜班  Cleaner wanted"), m => m.Code == "clean.basic");
        Assert.Equal("Cleaner", mention.Phrase);
        Assert.Equal(4, mention.At);
    }
}
