using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Employment.Core.Search;

/// <summary>
/// The job words a person may mean: the taxonomy's Chinese words and the words of open positions'
/// titles, each with its pinyin. Near-misses are corrected against it (报安 sounds like 保安; 保结 is
/// one character from 保洁) and the kiosk's pinyin keyboard offers from it.
/// </summary>
internal sealed class SearchVocabulary(JobBankIndex jobBank)
{
    /// <summary>Rebuilt from the index at most this often: titles change slowly, keystrokes come fast.</summary>
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    private sealed record Entry(string Word, string[] Spellings, string[] Initials, int Weight);

    private sealed record Snapshot(IReadOnlyList<Entry> Entries, long BuiltAt);

    private readonly Lock _gate = new();
    private Snapshot? _snapshot;

    public IEnumerable<string> Corrections(IndexSearcher searcher, string text)
    {
        var query = Words.Normalize(text).Trim();
        if (query.Length == 0 || query.Length > 20)
        {
            yield break;
        }
        var entries = Entries(searcher.IndexReader);
        var seen = new HashSet<string>(StringComparer.Ordinal) { query };
        var compact = new string(query.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (!Pinyin.HasHan(compact) && compact != query && seen.Add(compact))
        {
            yield return compact;
        }

        // Same sound: 报安 and 保安 are both baoan.
        var sounds = Pinyin.HasHan(compact) ? Pinyin.Spellings(compact).ToHashSet(StringComparer.Ordinal) : [compact];
        foreach (var entry in entries.Where(e => e.Spellings.Any(sounds.Contains) || (!Pinyin.HasHan(compact) && e.Initials.Contains(compact)))
                     .OrderByDescending(e => e.Weight))
        {
            if (seen.Add(entry.Word))
            {
                yield return entry.Word;
            }
        }

        // One slip of the finger: 保结 for 保洁, cleanr for cleaner, baoam for baoan.
        if (Pinyin.HasHan(compact))
        {
            if (compact.Length >= 2)
            {
                foreach (var entry in entries.Where(e => e.Word.Length == compact.Length && Distance(e.Word, compact) == 1).OrderByDescending(e => e.Weight))
                {
                    if (seen.Add(entry.Word))
                    {
                        yield return entry.Word;
                    }
                }
            }
            yield break;
        }
        if (compact.Length < 4)
        {
            yield break;
        }
        var allowed = compact.Length <= 6 ? 1 : 2;
        foreach (var word in ConceptLexicon.Embedded.EnglishWords.Where(w => Math.Abs(w.Length - compact.Length) <= allowed && Distance(w, compact) <= allowed)
                     .OrderBy(w => Distance(w, compact)))
        {
            if (seen.Add(word))
            {
                yield return word;
            }
        }
        foreach (var entry in entries.Where(e => e.Spellings.Any(s => Math.Abs(s.Length - compact.Length) <= 1 && Distance(s, compact) == 1))
                     .OrderByDescending(e => e.Weight))
        {
            if (seen.Add(entry.Word))
            {
                yield return entry.Word;
            }
        }
    }

    public IReadOnlyList<string> StartingWith(string letters, int max)
    {
        var prefix = new string(letters.Trim().ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());
        if (prefix.Length == 0 || max <= 0)
        {
            return [];
        }
        var store = jobBank.Store;
        var searcher = store.AcquireSearcher();
        try
        {
            return Entries(searcher.IndexReader)
                .Select(e => (e.Word, e.Weight, Exact: e.Spellings.Contains(prefix) || e.Initials.Contains(prefix),
                    Match: e.Spellings.Any(s => s.StartsWith(prefix, StringComparison.Ordinal)) || e.Initials.Any(i => i.StartsWith(prefix, StringComparison.Ordinal))))
                .Where(e => e.Match)
                .OrderByDescending(e => e.Exact).ThenByDescending(e => e.Weight).ThenBy(e => e.Word.Length).ThenBy(e => e.Word, StringComparer.Ordinal)
                .Take(max)
                .Select(e => e.Word)
                .ToList();
        }
        finally
        {
            store.ReleaseSearcher(searcher);
        }
    }

    private IReadOnlyList<Entry> Entries(IndexReader reader)
    {
        var now = Environment.TickCount64;
        lock (_gate)
        {
            if (_snapshot is { } s && now - s.BuiltAt < Refresh.TotalMilliseconds)
            {
                return s.Entries;
            }
        }
        var built = Build(reader);
        lock (_gate)
        {
            _snapshot = new Snapshot(built, now);
        }
        return built;
    }

    /// <summary>Weight: how many open positions have the word in their title, plus one for a taxonomy word.</summary>
    private static List<Entry> Build(IndexReader reader)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in ConceptLexicon.Embedded.ChineseWords)
        {
            weights[word] = 1;
        }
        foreach (var leaf in reader.Leaves)
        {
            var segment = leaf.AtomicReader;
            // Only the titles of positions open now (a closed posting's words would offer dead ends).
            var open = new FixedBitSet(segment.MaxDoc);
            var openDocs = segment.GetTermDocsEnum(new Term(JobBankFields.Available, "1"));
            if (openDocs is null || segment.GetTerms(PositionTextFields.TitleWords) is not { } terms)
            {
                continue;
            }
            while (openDocs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                open.Set(openDocs.DocID);
            }
            var live = segment.LiveDocs;
            var e = terms.GetEnumerator();
            DocsEnum? docs = null;
            while (e.MoveNext())
            {
                var word = e.Term.Utf8ToString();
                if (word.Length is < 2 or > 8 || !word.All(Pinyin.IsHan))
                {
                    continue;
                }
                docs = e.Docs(live, docs, DocsFlags.NONE);
                var count = 0;
                while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    if (open.Get(docs.DocID))
                    {
                        count++;
                    }
                }
                if (count > 0)
                {
                    weights[word] = weights.GetValueOrDefault(word) + count;
                }
            }
        }
        return weights.Select(w => new Entry(w.Key, [.. Pinyin.Spellings(w.Key)], [.. Pinyin.Initials(w.Key)], w.Value))
            .Where(e => e.Spellings.Length > 0)
            .ToList();
    }

    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
