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
}
