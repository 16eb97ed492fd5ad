namespace Employment.Core.Search;

/// <summary>
/// Profiles by slot in fixed chunks: growing adds chunks and never copies them, so writers on
/// several threads need no lock (a copied array could lose a write made during the copy).
/// </summary>
internal sealed class SlotTable<T> where T : class
{
    private const int Shift = 16;
    private const int Size = 1 << Shift;
    private const int Mask = Size - 1;
    private readonly System.Threading.Lock _grow = new();
    private volatile T?[]?[] _chunks = new T?[]?[16];

    public T? this[long slot]
    {
        get
        {
            var chunks = _chunks;
            var index = slot >> Shift;
            return slot >= 0 && index < chunks.Length && chunks[index] is { } chunk ? Volatile.Read(ref chunk[slot & Mask]) : null;
        }
    }

    public void Set(long slot, T? value) => Volatile.Write(ref Chunk(slot >> Shift)[slot & Mask], value);

    /// <summary>Empties every slot below <paramref name="end"/>.</summary>
    public void Clear(long end)
    {
        var chunks = _chunks;
        for (var index = 0L; index < chunks.Length && index << Shift < end; index++)
        {
            if (chunks[index] is { } chunk)
            {
                Array.Clear(chunk, 0, (int)Math.Min(Size, end - (index << Shift)));
            }
        }
    }

    private T?[] Chunk(long index)
    {
        var chunks = _chunks;
        if (index < chunks.Length && chunks[index] is { } existing)
        {
            return existing;
        }
        lock (_grow)
        {
            chunks = _chunks;
            if (index >= chunks.Length)
            {
                var grown = new T?[]?[Math.Max(index + 1, chunks.Length * 2L)];
                Array.Copy(chunks, grown, chunks.Length);
                _chunks = chunks = grown;
            }
            return chunks[index] ??= new T?[Size];
        }
    }
}
