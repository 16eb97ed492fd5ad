using Employment.Core.Search;
using Employment.Tests.Matching;

namespace Employment.Tests.Search;

/// <summary>What the outbox reader relies on: watermark in the commit, NRT visibility, schema check, deletes.</summary>
public sealed class IndexLifecycleTests
{
    [Fact]
    public void Reopening_keeps_documents_and_watermark()
    {
        using var indexes = new TestIndexes().With([A.Position("P-1"), A.Position("P-2")], [A.Seeker()]);
        indexes.JobBank.Upsert(A.Position("P-3"));
        indexes.JobBank.Commit(42);
        indexes.Reopen();
        Assert.Equal(42, indexes.JobBank.Watermark);
        Assert.False(indexes.JobBank.NeedsRebuild);
        Assert.Equal(3, indexes.JobBank.Count);
        Assert.Equal(3, indexes.Engine.PositionsFor(A.Seeker(), A.Request()).Count);
    }

    [Fact]
    public void Uncommitted_changes_are_visible_before_commit()
    {
        using var indexes = new TestIndexes().With([A.Position("P-1")], [A.Seeker()]);
        indexes.JobBank.Upsert(A.Position("P-new"));
        indexes.JobBank.WaitForChanges();
        Assert.Contains(indexes.Engine.PositionsFor(A.Seeker(), A.Request()), m => m.Id == "P-new");
        Assert.Equal(1, indexes.JobBank.Watermark);
    }

    [Fact]
    public void A_new_index_and_a_schema_mismatch_ask_for_a_rebuild()
    {
        var root = Path.Combine(Path.GetTempPath(), "employment-schema-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new SearchOptions { IndexRoot = root };
            using (var fresh = new JobBankIndex(options))
            {
                Assert.True(fresh.NeedsRebuild);
                Assert.Null(fresh.Watermark);
                fresh.Upsert(A.Position());
                // Written by "another version": commit data without our schema key.
                fresh.Commit(7);
            }
            using (var reopened = new JobBankIndex(options))
            {
                Assert.False(reopened.NeedsRebuild);
            }
            var writer = new Lucene.Net.Index.IndexWriter(new Lucene.Net.Store.NIOFSDirectory(new DirectoryInfo(options.JobBankPath)),
                new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer()));
            writer.SetCommitData(new Dictionary<string, string> { ["schema"] = "jobbank-0", ["watermark"] = "7" });
            writer.Commit();
            writer.Dispose();
            using (var old = new JobBankIndex(options))
            {
                Assert.True(old.NeedsRebuild);
                Assert.Null(old.Watermark);
                old.Rebuild([A.Position("P-9")], 8);
                Assert.False(old.NeedsRebuild);
                Assert.Equal(8, old.Watermark);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Delete_removes_from_results()
    {
        using var indexes = new TestIndexes().With([A.Position("P-1"), A.Position("P-2")], [A.Seeker("S-1"), A.Seeker("S-2")]);
        indexes.JobBank.Delete("P-1");
        indexes.TalentPool.Delete("S-1");
        indexes.JobBank.WaitForChanges();
        indexes.TalentPool.WaitForChanges();
        Assert.Equal(["P-2"], indexes.Engine.PositionsFor(A.Seeker(), A.Request()).Select(m => m.Id));
        Assert.Equal(["S-2"], indexes.Engine.SeekersFor(A.Position(), A.Request()).Select(m => m.Id));
    }

    [Fact]
    public async Task The_course_index_finds_by_skill_name_keeps_its_watermark_and_rebuilds_on_another_schema()
    {
        var root = Path.Combine(Path.GetTempPath(), "employment-courses-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new SearchOptions { IndexRoot = root };
            var day = new DateOnly(2026, 11, 24);
            var forklift = new Employment.Core.Training.CourseProfile
            {
                Id = "C-1", Title = "仓储实操班", Provider = "蓉城职业技能学堂", Skills = [new Employment.Core.Matching.SkillLevel("log.forklift", 1)],
                StartDate = day.AddDays(3), EndDate = day.AddDays(30), Seats = 10, Enrolled = 2, Remote = true,
            };
            var full = forklift with { Id = "C-2", Title = "叉车驾驶速成", Enrolled = 10 };
            var cooking = forklift with { Id = "C-3", Title = "中式面点入门", Provider = "蜀味烹饪职业培训学校", Skills = [new Employment.Core.Matching.SkillLevel("food.pastry", 1)] };
            using (var index = new CourseIndex(options))
            {
                Assert.True(index.NeedsRebuild);
                index.Rebuild([forklift, full, cooking], 5);
                var search = new CourseTextSearch(index);
                bool Open(Employment.Core.Training.CourseProfile c) => Employment.Core.Training.CourseRules.Open(c, day);
                // 叉车 names the skill C-1 teaches (叉车驾驶): found though neither its title nor its provider says it; C-2 is full.
                Assert.Equal(["C-1"], (await search.SearchAsync("叉车", Open)).Select(h => h.Course.Id));
                Assert.Equal(["C-2", "C-1"], search.Search("叉车", c => c.IsOpen).Select(h => h.Course.Id));
                Assert.Equal(["C-3"], search.Search("蜀味", Open).Select(h => h.Course.Id));
                Assert.Equal(["C-1", "C-3"], search.Search(null, Open).Select(h => h.Course.Id));
                Assert.Empty(search.Search("没有这门课", Open));
                index.Upsert(forklift with { Title = "门店收银实务班" });
                index.Commit(6);
                index.WaitForChanges();
                Assert.Empty(search.Search("仓储", Open));
            }
            using (var reopened = new CourseIndex(options))
            {
                Assert.False(reopened.NeedsRebuild);
                Assert.Equal(6, reopened.Watermark);
                Assert.Equal(3, reopened.Count);
                Assert.Equal(["C-1"], new CourseTextSearch(reopened).Search("收银", c => c.IsOpen).Select(h => h.Course.Id));
            }
            var writer = new Lucene.Net.Index.IndexWriter(new Lucene.Net.Store.NIOFSDirectory(new DirectoryInfo(options.CoursePath)),
                new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer()));
            writer.SetCommitData(new Dictionary<string, string> { ["schema"] = "courses-0", ["watermark"] = "6" });
            writer.Commit();
            writer.Dispose();
            using (var old = new CourseIndex(options))
            {
                Assert.True(old.NeedsRebuild);
                Assert.Null(old.Watermark);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
