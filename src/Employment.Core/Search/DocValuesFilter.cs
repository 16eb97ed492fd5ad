using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Employment.Core.Search;

/// <summary>min ≤ value ≤ max on a numeric doc-values field.</summary>
internal readonly record struct DocValuesRange(string Field, long Min, long Max);

/// <summary>
/// Numeric hard rules (age, education, hours, valid-until) checked per candidate from doc values.
/// A NumericRangeQuery spanning most of the index would first build a bitset of every document
/// in range; this only looks at the documents the term clauses already let through.
/// </summary>
internal sealed class DocValuesFilter(IReadOnlyList<DocValuesRange> ranges) : Filter
{
    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var reader = context.AtomicReader;
        var values = new NumericDocValues?[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            values[i] = reader.GetNumericDocValues(ranges[i].Field);
        }
        return new RangeDocIdSet(new RangeBits(ranges, values, acceptDocs, reader.MaxDoc));
    }

    private sealed class RangeBits(IReadOnlyList<DocValuesRange> ranges, NumericDocValues?[] values, IBits? acceptDocs, int length) : IBits
    {
        public int Length => length;

        public bool Get(int index)
        {
            if (acceptDocs is not null && !acceptDocs.Get(index))
            {
                return false;
            }
            for (var i = 0; i < values.Length; i++)
            {
                // A segment without the field holds only documents that predate it; let verification decide.
                if (values[i] is { } dv)
                {
                    var v = dv.Get(index);
                    if (v < ranges[i].Min || v > ranges[i].Max)
                    {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private sealed class RangeDocIdSet(RangeBits bits) : DocIdSet
    {
        public override IBits Bits => bits;

        public override DocIdSetIterator GetIterator() => new BitsIterator(bits);
    }

    private sealed class BitsIterator(RangeBits bits) : DocIdSetIterator
    {
        private int _doc = -1;

        public override int DocID => _doc;

        public override int NextDoc() => Advance(_doc + 1);

        public override int Advance(int target)
        {
            for (_doc = target; _doc < bits.Length; _doc++)
            {
                if (bits.Get(_doc))
                {
                    return _doc;
                }
            }
            return _doc = NO_MORE_DOCS;
        }

        public override long GetCost() => bits.Length;
    }
}
