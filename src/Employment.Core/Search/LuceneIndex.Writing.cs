using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Employment.Core.Search;

// Writing: documents in and out, commits with the watermark, rebuilds, merges and expunges.
internal sealed partial class LuceneIndex<TProfile>
{
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
}
