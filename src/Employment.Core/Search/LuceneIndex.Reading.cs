using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Employment.Core.Search;

// Reading: searchers, the engine's per-segment views, profiles by slot and stored profiles.
internal sealed partial class LuceneIndex<TProfile>
{
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
