using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Employment.Core.Search;

/// <summary>
/// Remote, or inside a lat/lon box (micro-degrees) that holds the circle of the commute: a
/// superset of rule 5, checked from doc values so a whole city of cells costs no term look-ups.
/// </summary>
internal sealed record NearOrRemote(string LatField, string LonField, string RemoteField, long MinLat, long MaxLat, long MinLon, long MaxLon)
{
    public static NearOrRemote Around(Matching.GeoPoint center, double radiusKm, string latField, string lonField, string remoteField)
    {
        // Generous by 2%: the exact distance is verified afterwards.
        var dLat = radiusKm * 1.02 / 110.5;
        var cos = Math.Max(0.05, Math.Cos((Math.Abs(center.Lat) + dLat) * Math.PI / 180));
        var dLon = radiusKm * 1.02 / (111.0 * cos);
        return new(latField, lonField, remoteField,
            (long)Math.Floor((center.Lat - dLat) * 1e6), (long)Math.Ceiling((center.Lat + dLat) * 1e6),
            (long)Math.Floor((center.Lon - dLon) * 1e6), (long)Math.Ceiling((center.Lon + dLon) * 1e6));
    }
}

/// <summary>min ≤ value ≤ max on a numeric doc-values field.</summary>
internal readonly record struct DocValuesRange(string Field, long Min, long Max);

/// <summary>
/// Numeric hard rules (age, education, hours, valid-until) checked per candidate from doc values.
/// A NumericRangeQuery spanning most of the index would first build a bitset of every document
/// in range; this only looks at the documents the term clauses already let through.
/// </summary>
internal sealed class DocValuesFilter(IReadOnlyList<DocValuesRange> ranges, NearOrRemote? near = null) : Filter
{
    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var reader = context.AtomicReader;
        var values = new NumericDocValues?[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            values[i] = reader.GetNumericDocValues(ranges[i].Field);
        }
        var box = near is { } n
            ? new BoxBits(n, reader.GetNumericDocValues(n.LatField), reader.GetNumericDocValues(n.LonField), reader.GetNumericDocValues(n.RemoteField))
            : null;
        return new RangeDocIdSet(new RangeBits(ranges, values, acceptDocs, reader.MaxDoc, box));
    }

    private sealed class BoxBits(NearOrRemote near, NumericDocValues? lat, NumericDocValues? lon, NumericDocValues? remote)
    {
        public bool Get(int index)
        {
            if (lat is null || lon is null || remote is null || remote.Get(index) != 0)
            {
                return true;
            }
            var y = lat.Get(index);
            var x = lon.Get(index);
            return y >= near.MinLat && y <= near.MaxLat && x >= near.MinLon && x <= near.MaxLon;
        }
    }

    private sealed class RangeBits(IReadOnlyList<DocValuesRange> ranges, NumericDocValues?[] values, IBits? acceptDocs, int length, BoxBits? box) : IBits
    {
        public int Length => length;

        public bool Get(int index)
        {
            if (acceptDocs is not null && !acceptDocs.Get(index))
            {
                return false;
            }
            if (box is not null && !box.Get(index))
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
