using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Employment.Core.Search;

/// <summary>
/// One Lucene index: one IndexWriter, one SearcherManager and the reopen thread, as tech-notes §1
/// prescribes. Profiles are kept in memory by slot (a doc-values number on each document) so that
/// re-ranking reads a candidate's full profile without touching stored fields.
/// </summary>
/// <summary>
/// A rebuild's phases: documents analysed and added (all cores), the commit (flushing the last
/// buffers to segments), and the refresh that opens the new searcher and builds the engine's views.
/// </summary>
public sealed record RebuildPhases(TimeSpan Add, TimeSpan Commit, TimeSpan Refresh);

internal sealed class LuceneIndex<TProfile> : IDisposable where TProfile : class
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

    public void Upsert(TProfile profile)
    {
        var id = _schema.IdOf(profile);
        try
        {
            var generation = _tracking.UpdateDocument(new Term(FieldNames.Id, id), CreateDocument(profile));
            NoteGeneration(generation);
            _unindexable.TryRemove(id, out _);
        }
        catch (ArgumentException refused)
        {
            // Lucene refused this document only (the writer goes on): the old version, now wrong, goes too.
            _unindexable[id] = refused.Message;
            NoteGeneration(_tracking.DeleteDocuments(new Term(FieldNames.Id, id)));
        }
    }

    public void Delete(string id)
    {
        _unindexable.TryRemove(id, out _);
        NoteGeneration(_tracking.DeleteDocuments(new Term(FieldNames.Id, id)));
    }

    public long Commit(long watermark)
    {
        lock (_commitLock)
        {
            _writer.SetCommitData(new Dictionary<string, string>
            {
                [FieldNames.WatermarkKey] = watermark.ToString(CultureInfo.InvariantCulture),
                [FieldNames.SchemaKey] = _schema.Version,
            });
            _writer.Commit();
            Watermark = watermark;
            return watermark;
        }
    }

    public void Rebuild(IEnumerable<TProfile> profiles, long watermark)
    {
        lock (_commitLock)
        {
            var firstNewSlot = Interlocked.Read(ref _nextSlot);
            TimeSpan added = default, committed = default;
            _writer.DeleteAll();
            _unindexable.Clear();
            // A bulk load: one large buffer per indexing thread and no merging while it lasts, so
            // each thread flushes a few big segments once instead of many small ones merged again
            // and again; one commit at the end.
            var segmentsPerTier = _merges.SegmentsPerTier;
            _writer.Config.RAMBufferSizeMB = BulkBufferMb;
            _merges.SegmentsPerTier = 1000;
            // Every near-real-time reopen flushes the buffers into new segments: none until the end.
            _searchers.Paused = true;
            try
            {
                // The writer is thread-safe and analysis is the cost: feed it from every core. Own
                // threads, not the pool: the writer keeps a buffer per thread, and pool threads
                // taking turns would each fill (and flush) a small one.
                using var source = profiles.GetEnumerator();
                var gate = new System.Threading.Lock();
                Exception? failure = null;
                var workers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(i => new Thread(() =>
                {
                    try
                    {
                        while (true)
                        {
                            TProfile profile;
                            lock (gate)
                            {
                                if (failure is not null || !source.MoveNext())
                                {
                                    return;
                                }
                                profile = source.Current;
                            }
                            try
                            {
                                _tracking.AddDocument(CreateDocument(profile));
                            }
                            catch (ArgumentException refused)
                            {
                                _unindexable[_schema.IdOf(profile)] = refused.Message;
                            }
                        }
                    }
                    catch (Exception e)
                    {
                        lock (gate)
                        {
                            failure ??= e;
                        }
                    }
                }) { Name = "index-build-" + i, IsBackground = true }).ToList();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                workers.ForEach(t => t.Start());
                workers.ForEach(t => t.Join());
                if (failure is not null)
                {
                    throw new InvalidOperationException("rebuilding the index failed", failure);
                }
                added = clock.Elapsed;
                NeedsRebuild = false;
                Commit(watermark);
                committed = clock.Elapsed - added;
            }
            finally
            {
                _searchers.Paused = false;
                _writer.Config.RAMBufferSizeMB = NormalBufferMb;
                _merges.SegmentsPerTier = segmentsPerTier;
            }
            var refresh = System.Diagnostics.Stopwatch.StartNew();
            _searchers.MaybeRefreshBlocking();
            LastRebuild = new RebuildPhases(added, committed, refresh.Elapsed);
            // Searches on readers older than the refresh may still see old slots; they skip nulls.
            _slots.Clear(firstNewSlot);
        }
    }

    /// <summary>Where the last rebuild's time went: for the benchmark's breakdown.</summary>
    public RebuildPhases? LastRebuild { get; private set; }

    /// <summary>Blocks until every change made so far is visible to searches (read-your-write).</summary>
    public void WaitForChanges() => _reopen.WaitForGeneration(Interlocked.Read(ref _lastGeneration));

    /// <summary>Merges segments down so searches touch fewer of them; for after a bulk load.</summary>
    public void Optimize(int maxSegments)
    {
        _writer.ForceMerge(maxSegments);
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>
    /// Rewrites every segment that holds a deleted document and commits, so a deleted document
    /// (an erased person) is gone from the files and not only from searches: Lucene otherwise keeps
    /// it in its segment until a merge happens to pick that segment. The searchers are refreshed so
    /// no reader holds the old segments, and the files nothing references any more are deleted.
    /// </summary>
    public void ExpungeDeletes()
    {
        lock (_commitLock)
        {
            var allowed = _merges.ForceMergeDeletesPctAllowed;
            _merges.ForceMergeDeletesPctAllowed = 0;
            try
            {
                // A merge already running may be copying the deleted document into a new segment,
                // whose deletion is carried over only when it finishes: wait for it, and go again
                // while a segment still holds a deleted document (a few passes; upserts meanwhile add more).
                for (var pass = 0; pass < 5; pass++)
                {
                    _writer.WaitForMerges();
                    _writer.ForceMergeDeletes(true);
                    using var reader = DirectoryReader.Open(_writer, true);
                    if (!reader.HasDeletions)
                    {
                        break;
                    }
                }
            }
            finally
            {
                _merges.ForceMergeDeletesPctAllowed = allowed;
            }
            _writer.SetCommitData(new Dictionary<string, string>
            {
                [FieldNames.WatermarkKey] = (Watermark ?? 0).ToString(CultureInfo.InvariantCulture),
                [FieldNames.SchemaKey] = _schema.Version,
            });
            _writer.Commit();
        }
        _searchers.MaybeRefreshBlocking();
        _writer.DeleteUnusedFiles();
    }

    /// <summary>Every live document's id and stored profile bytes, from the latest searcher.</summary>
    public Dictionary<string, byte[]> StoredProfiles()
    {
        _searchers.MaybeRefreshBlocking();
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var searcher = _searchers.Acquire();
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var atomic = leaf.AtomicReader;
                var live = atomic.LiveDocs;
                for (var doc = 0; doc < atomic.MaxDoc; doc++)
                {
                    if (live is not null && !live.Get(doc))
                    {
                        continue;
                    }
                    var stored = atomic.Document(doc);
                    if (stored.Get(FieldNames.Id) is { } id && stored.GetBinaryValue(FieldNames.Profile) is { } bytes)
                    {
                        result[id] = bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray();
                    }
                }
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }
        return result;
    }

    public byte[] Serialize(TProfile profile) => _schema.Serialize(profile);

    public IndexSearcher AcquireSearcher() => _searchers.Acquire();

    public void ReleaseSearcher(IndexSearcher searcher) => _searchers.Release(searcher);

    /// <summary>
    /// The engine's view of one segment, built once per segment core. New searchers build them for
    /// their new segments before they are published (the reopen thread pays, not a query).
    /// </summary>
    public object? ViewOf(AtomicReader reader) =>
        _viewBuilder is null ? null : _views.GetValue(reader.CoreCacheKey, _ => _viewBuilder(reader, this));

    /// <summary>The profile behind a document's slot; null once the slot was cleared by a rebuild.</summary>
    public TProfile? ProfileAt(long slot) => _slots[slot];

    private Document CreateDocument(TProfile profile)
    {
        var slot = Interlocked.Increment(ref _nextSlot) - 1;
        _slots.Set(slot, profile);
        _schema.Observe(profile);
        var document = new Document
        {
            TextAnalysis.Keyword(FieldNames.Id, _schema.IdOf(profile), stored: true),
            new NumericDocValuesField(FieldNames.Slot, slot),
            new StoredField(FieldNames.Profile, _schema.Serialize(profile)),
        };
        _schema.AddFields(document, profile);
        return document;
    }

    private void NoteGeneration(long generation)
    {
        long seen;
        while ((seen = Interlocked.Read(ref _lastGeneration)) < generation
            && Interlocked.CompareExchange(ref _lastGeneration, generation, seen) != seen)
        {
        }
    }

    /// <summary>At open, the slots are refilled from the stored profiles, keeping each document's slot.</summary>
    private void LoadProfiles()
    {
        using var reader = DirectoryReader.Open(_writer, applyAllDeletes: true);
        var maxSlot = -1L;
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var slots = atomic.GetNumericDocValues(FieldNames.Slot);
            var live = atomic.LiveDocs;
            if (slots is null)
            {
                continue;
            }
            var visitor = new ProfileFieldVisitor();
            for (var doc = 0; doc < atomic.MaxDoc; doc++)
            {
                if (live is not null && !live.Get(doc))
                {
                    continue;
                }
                visitor.Bytes = null;
                atomic.Document(doc, visitor);
                if (visitor.Bytes is null)
                {
                    continue;
                }
                var slot = slots.Get(doc);
                var profile = _schema.Deserialize(visitor.Bytes);
                _slots.Set(slot, profile);
                _schema.Observe(profile);
                maxSlot = Math.Max(maxSlot, slot);
            }
        }
        _nextSlot = maxSlot + 1;
    }

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

    private sealed class WarmingSearcherFactory(LuceneIndex<TProfile> owner) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves)
            {
                owner.ViewOf(leaf.AtomicReader);
            }
            return new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        }
    }

    private sealed class ProfileFieldVisitor : StoredFieldVisitor
    {
        public byte[]? Bytes { get; set; }

        public override Status NeedsField(FieldInfo fieldInfo) =>
            fieldInfo.Name == FieldNames.Profile ? Status.YES : Bytes is null ? Status.NO : Status.STOP;

        public override void BinaryField(FieldInfo fieldInfo, byte[] value) => Bytes = value;
    }
}
