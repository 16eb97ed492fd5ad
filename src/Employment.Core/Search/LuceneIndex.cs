using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Employment.Core.Search;

/// <summary>
/// A rebuild's phases: documents analysed and added (all cores), the commit (flushing the last
/// buffers to segments), and the refresh that opens the new searcher and builds the engine's views.
/// </summary>
public sealed record RebuildPhases(TimeSpan Add, TimeSpan Commit, TimeSpan Refresh);

/// <summary>
/// One Lucene index: one IndexWriter, one SearcherManager and the reopen thread, as tech-notes §1
/// prescribes. Profiles are kept in memory by slot (a doc-values number on each document) so that
/// re-ranking reads a candidate's full profile without touching stored fields. This file holds its
/// state and life; writing (LuceneIndex.Writing.cs) and reading (LuceneIndex.Reading.cs) sit beside it.
/// </summary>
internal sealed partial class LuceneIndex<TProfile> : IDisposable where TProfile : class
{
    private readonly IDocumentSchema<TProfile> _schema;
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly TrackingIndexWriter _tracking;
    private readonly PausableSearcherManager _searchers;
    private readonly ControlledRealTimeReopenThread<IndexSearcher> _reopen;
    private readonly System.Threading.Lock _commitLock = new();
    private readonly Func<AtomicReader, LuceneIndex<TProfile>, object>? _viewBuilder;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _views = new();
    private readonly SlotTable<TProfile> _slots = new();
    private readonly TieredMergePolicy _merges = new();
    private const double NormalBufferMb = 64;
    private const double BulkBufferMb = 512;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _unindexable = new(StringComparer.Ordinal);
    private long _nextSlot;
    private long _lastGeneration;
    private bool _disposed;

    public LuceneIndex(string path, IDocumentSchema<TProfile> schema, Func<AtomicReader, LuceneIndex<TProfile>, object>? viewBuilder = null)
    {
        _schema = schema;
        _viewBuilder = viewBuilder;
        System.IO.Directory.CreateDirectory(path);
        // Not FSDirectory.Open: on 64-bit Linux that is MMapDirectory, which can crash beta17 (lucenenet#1013).
        _directory = new NIOFSDirectory(new DirectoryInfo(path));
        Analyzer = TextAnalysis.CreateAnalyzer();

        if (DirectoryReader.IndexExists(_directory))
        {
            var userData = DirectoryReader.ListCommits(_directory)[^1].UserData;
            var schemaMatches = userData.TryGetValue(FieldNames.SchemaKey, out var version) && version == schema.Version;
            NeedsRebuild = !schemaMatches;
            if (schemaMatches && userData.TryGetValue(FieldNames.WatermarkKey, out var mark)
                && long.TryParse(mark, NumberStyles.Integer, CultureInfo.InvariantCulture, out var watermark))
            {
                Watermark = watermark;
            }
        }
        else
        {
            NeedsRebuild = true;
        }

        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, Analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = NormalBufferMb,
            MergePolicy = _merges,
        };
        _writer = new IndexWriter(_directory, config);
        _tracking = new TrackingIndexWriter(_writer);
        if (!NeedsRebuild)
        {
            LoadProfiles();
        }
        _searchers = new PausableSearcherManager(_writer, new WarmingSearcherFactory(this));
        _reopen = new ControlledRealTimeReopenThread<IndexSearcher>(_tracking, _searchers, 5.0, 0.025)
        {
            Name = "lucene-nrt " + Path.GetFileName(path),
            IsBackground = true,
        };
        _reopen.Start();
    }

    public Analyzer Analyzer { get; }

    public long? Watermark { get; private set; }

    public bool NeedsRebuild { get; private set; }

    public int Count
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>
    /// Records Lucene refused, by id, with its reason: one record the index cannot hold (a value over
    /// Lucene's term or doc-values limits) is skipped, never allowed to stop the whole index.
    /// </summary>
    public IReadOnlyDictionary<string, string> Unindexable => _unindexable;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        // Upstream order: the reopen thread, then the manager, then the writer.
        _reopen.Dispose();
        _searchers.Dispose();
        try
        {
            _writer.Dispose();
        }
        catch (Exception)
        {
            // beta17 leaks the lock and file handles when the final commit throws (lucenenet#1284).
            try
            {
                _writer.Rollback();
            }
            finally
            {
                _directory.Dispose();
            }
            throw;
        }
        _directory.Dispose();
    }
}
