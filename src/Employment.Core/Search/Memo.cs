using System.Collections.Concurrent;

namespace Employment.Core.Search;

/// <summary>
/// A bounded, thread-safe memo of a pure function of a string, for what indexing computes again
/// and again across documents: an employer's name, a title many positions share (保洁员), the
/// pinyin of a word. Past its capacity it stops remembering (it never evicts): values are cheap
/// to recompute, and a memo must not grow with a province's data.
/// </summary>
internal sealed class Memo<T>(Func<string, T> compute, int capacity)
{
    private readonly ConcurrentDictionary<string, T> _values = new(StringComparer.Ordinal);

    public T this[string key]
    {
        get
        {
            if (_values.TryGetValue(key, out var value))
            {
                return value;
            }
            value = compute(key);
            if (_values.Count < capacity)
            {
                _values.TryAdd(key, value);
            }
            return value;
        }
    }
}
