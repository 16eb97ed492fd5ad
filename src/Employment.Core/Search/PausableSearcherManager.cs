using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Employment.Core.Search;

/// <summary>
/// Lucene's SearcherManager (which is sealed) with a pause: while a bulk load runs, the reopen
/// thread's refreshes do nothing, so they neither flush tiny segments nor warm them.
/// </summary>
internal sealed class PausableSearcherManager : ReferenceManager<IndexSearcher>
{
    private readonly IndexWriter _writer;
    private readonly SearcherFactory _factory;

    public PausableSearcherManager(IndexWriter writer, SearcherFactory factory)
    {
        _writer = writer;
        _factory = factory;
        Current = SearcherManager.GetSearcher(factory, DirectoryReader.Open(writer, applyAllDeletes: true));
    }

    public volatile bool Paused;

    protected override void DecRef(IndexSearcher reference) => reference.IndexReader.DecRef();

    protected override IndexSearcher RefreshIfNeeded(IndexSearcher referenceToRefresh)
    {
        // Null means "nothing new", as in SearcherManager.
        if (Paused)
        {
            return null!;
        }
        var reader = DirectoryReader.OpenIfChanged((DirectoryReader)referenceToRefresh.IndexReader, _writer, applyAllDeletes: true);
        return reader is null ? null! : SearcherManager.GetSearcher(_factory, reader);
    }

    protected override bool TryIncRef(IndexSearcher reference) => reference.IndexReader.TryIncRef();

    protected override int GetRefCount(IndexSearcher reference) => reference.IndexReader.RefCount;
}
