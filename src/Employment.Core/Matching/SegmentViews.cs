using Employment.Core.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Employment.Core.Matching;

/// <summary>
/// Demand and accommodation codes as bits, so rules 3 and 4 are two AND operations per candidate.
/// A code outside the taxonomy has no bit and is left out of every mask: the masks then let more
/// pairs through, never fewer, and <see cref="HardRules"/> still decides each one.
/// </summary>
internal static class CodeBits
{
    private static readonly Dictionary<string, int> Demands = Index(Taxonomy.Taxonomy.Embedded.Demands.Select(d => d.Code));
    private static readonly Dictionary<string, int> Accommodations = Index(Taxonomy.Taxonomy.Embedded.Accommodations.Select(a => a.Code));

    public static ulong DemandMask(IEnumerable<string> codes) => Mask(Demands, codes);

    public static ulong AccommodationMask(IEnumerable<string> codes) => Mask(Accommodations, codes);

    private static Dictionary<string, int> Index(IEnumerable<string> codes)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var code in codes.Distinct(StringComparer.Ordinal).Take(64))
        {
            map[code] = map.Count;
        }
        return map;
    }

    private static ulong Mask(Dictionary<string, int> bits, IEnumerable<string> codes)
    {
        var mask = 0UL;
        foreach (var code in codes)
        {
            if (bits.TryGetValue(code, out var bit))
            {
                mask |= 1UL << bit;
            }
        }
        return mask;
    }
}

/// <summary>
/// The grid the engine walks outwards on: about 1.1 × 1.2 km around Chengdu. Finer than the
/// index's own cell terms, because here a cell costs a dictionary look-up, not a term seek.
/// </summary>
internal static class MatchGrid
{
    public static readonly GeoGrid Grid = new(0.01, 0.0125);

    public static long Key((int X, int Y) cell) => ((long)cell.X << 32) | (uint)cell.Y;

    public static (int X, int Y) Cell(long key) => ((int)(key >> 32), (int)(uint)key);
}

/// <summary>
/// What the engine needs of one index segment, read once when the segment is first searched
/// (segments never change; deletions come from the reader's live docs): the profile and a row of
/// rule and ranking columns per document (an in-memory doc-values cache, like Lucene's FieldCache),
/// the documents by grid cell, and the postings of the skill fields copied out of the index.
/// </summary>
internal abstract class SegmentView<TProfile>
    where TProfile : class
{
    protected SegmentView(AtomicReader reader, LuceneIndex<TProfile> store)
    {
        MaxDoc = reader.MaxDoc;
        Profiles = new TProfile?[MaxDoc];
        DocOf = new int[MaxDoc];
        RowOf = new int[MaxDoc];
        var slots = reader.GetNumericDocValues(FieldNames.Slot);
        for (var doc = 0; doc < MaxDoc; doc++)
        {
            var slot = slots?.Get(doc) ?? -1;
            Profiles[doc] = slot < 0 ? null : store.ProfileAt(slot);
            DocOf[doc] = RowOf[doc] = doc;
        }
    }

    /// <summary>The key of the remote positions in <see cref="PostingsOf"/>.</summary>
    public const long RemoteArea = long.MinValue;

    public int MaxDoc { get; }

    // Everything below is by row: the segment's documents reordered by group and grid cell, so
    // a cell is a run of consecutive rows and scanning it reads memory in order.

    public TProfile?[] Profiles { get; }

    /// <summary>Row → Lucene document (for live docs).</summary>
    public int[] DocOf { get; }

    /// <summary>Lucene document → row (for text hits).</summary>
    public int[] RowOf { get; }

    /// <summary>Field → term → coarse cell (or <see cref="RemoteArea"/>) → rows, deleted ones included.</summary>
    protected Dictionary<string, Dictionary<string, Dictionary<long, int[]>>> Postings { get; } = new(StringComparer.Ordinal);

    /// <summary>A term's rows by coarse cell, so a skill tier is walked only where it can be reached.</summary>
    public Dictionary<long, int[]>? PostingsOf(string field, string term) =>
        Postings.TryGetValue(field, out var terms) && terms.TryGetValue(term, out var areas) ? areas : null;

    /// <summary>Orders the rows by group, then cell (documents of one cell stay in document order).</summary>
    protected void Arrange(int[] groupOfDoc, long[] cellOfDoc)
    {
        var order = Enumerable.Range(0, MaxDoc).ToArray();
        Array.Sort(order, (x, y) =>
        {
            var byGroup = groupOfDoc[x].CompareTo(groupOfDoc[y]);
            if (byGroup != 0)
            {
                return byGroup;
            }
            var byCell = cellOfDoc[x].CompareTo(cellOfDoc[y]);
            return byCell != 0 ? byCell : x.CompareTo(y);
        });
        var profiles = (TProfile?[])Profiles.Clone();
        for (var row = 0; row < MaxDoc; row++)
        {
            var doc = order[row];
            DocOf[row] = doc;
            RowOf[doc] = row;
            Profiles[row] = profiles[doc];
        }
    }

    protected static Dictionary<long, int[]> ToCells(Dictionary<long, List<int>> cells) =>
        cells.ToDictionary(c => c.Key, c => c.Value.ToArray());

    /// <summary>Copies a field's postings out of the index, each term's documents split by the area each document is in.</summary>
    protected void ReadPostings(AtomicReader reader, string field, long[] areaOfRow)
    {
        var result = new Dictionary<string, Dictionary<long, int[]>>(StringComparer.Ordinal);
        Postings[field] = result;
        var terms = reader.GetTerms(field);
        if (terms is null)
        {
            return;
        }
        var termsEnum = terms.GetEnumerator();
        DocsEnum? docsEnum = null;
        var byArea = new Dictionary<long, List<int>>();
        while (termsEnum.MoveNext())
        {
            byArea.Clear();
            docsEnum = termsEnum.Docs(null, docsEnum, DocsFlags.NONE);
            int doc;
            while ((doc = docsEnum.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                var row = RowOf[doc];
                var area = areaOfRow[row];
                if (!byArea.TryGetValue(area, out var list))
                {
                    byArea[area] = list = [];
                }
                list.Add(row);
            }
            foreach (var list in byArea.Values)
            {
                list.Sort();
            }
            result[termsEnum.Term.Utf8ToString()] = ToCells(byArea);
        }
    }
}

/// <summary>A position's rule and ranking columns.</summary>
internal struct PositionColumns
{
    public double Lat;
    public double Lon;
    public double Wage;
    public double Hours;
    public ulong Demands;
    /// <summary>What the workplace offers, with what remote work meets by itself.</summary>
    public ulong Offers;
    public int ValidUntil;
    public int MinAge;
    public int MaxAge;
    public int MinEducation;
    /// <summary>Open with places left (rule 1 without the date).</summary>
    public bool Available;
    public bool PublicWelfare;
    public bool Remote;
    /// <summary>Neither remote nor located: rule 5 keeps it from everyone.</summary>
    public bool Unreachable;
    public bool ShorterHours;
}

internal sealed class JobBankView : SegmentView<PositionProfile>
{
    public JobBankView(AtomicReader reader, LuceneIndex<PositionProfile> store)
        : base(reader, store)
    {
        var groups = new int[MaxDoc];
        var cellOf = new long[MaxDoc];
        for (var doc = 0; doc < MaxDoc; doc++)
        {
            // Groups 0/1: located ordinary/public-welfare; 2/3: remote; 4: never matchable.
            var p = Profiles[doc];
            groups[doc] = p is null ? 4 : p.Remote ? (p.PublicWelfare ? 3 : 2) : p.Location is null ? 4 : (p.PublicWelfare ? 1 : 0);
            cellOf[doc] = p is { Remote: false, Location: { } at } ? MatchGrid.Key(MatchGrid.Grid.CellOf(at)) : 0;
        }
        Arrange(groups, cellOf);

        Columns = new PositionColumns[MaxDoc];
        var areas = new long[MaxDoc];
        Array.Fill(areas, RemoteArea);
        var cells = new[] { new Dictionary<long, List<int>>(), new Dictionary<long, List<int>>() };
        var remote = new[] { new List<int>(), new List<int>() };
        for (var row = 0; row < MaxDoc; row++)
        {
            ref var c = ref Columns[row];
            if (Profiles[row] is not { } p)
            {
                c.Unreachable = true;
                continue;
            }
            c.Wage = p.MonthlyWage;
            c.Hours = p.HoursPerWeek;
            c.Demands = CodeBits.DemandMask(p.Demands);
            c.Offers = CodeBits.AccommodationMask(p.Remote ? p.Accommodations.Concat(HardRules.MetByRemote) : p.Accommodations);
            c.ValidUntil = p.ValidUntil?.DayNumber ?? int.MaxValue;
            c.MinAge = p.MinAge ?? int.MinValue;
            c.MaxAge = p.MaxAge ?? int.MaxValue;
            c.MinEducation = (int?)p.MinEducation ?? int.MinValue;
            c.Available = p.IsOpen && p.Filled < p.Headcount;
            c.PublicWelfare = p.PublicWelfare;
            c.Remote = p.Remote;
            c.ShorterHours = HardRules.OffersShorterHours(p);
            var group = p.PublicWelfare ? 1 : 0;
            if (p.Remote)
            {
                remote[group].Add(row);
            }
            else if (p.Location is { } where)
            {
                c.Lat = where.Lat;
                c.Lon = where.Lon;
                areas[row] = MatchGrid.Key(GeoGrid.Coarse.CellOf(where));
                var key = MatchGrid.Key(MatchGrid.Grid.CellOf(where));
                if (!cells[group].TryGetValue(key, out var list))
                {
                    cells[group][key] = list = [];
                }
                list.Add(row);
            }
            else
            {
                c.Unreachable = true;
            }
        }
        Cells = [ToCells(cells[0]), ToCells(cells[1])];
        Remote = [remote[0].ToArray(), remote[1].ToArray()];
        ReadPostings(reader, JobBankFields.Required, areas);
        ReadPostings(reader, JobBankFields.Preferred, areas);
    }

    public PositionColumns[] Columns { get; }

    /// <summary>By group (0 ordinary, 1 public-welfare): grid cell → located positions.</summary>
    public Dictionary<long, int[]>[] Cells { get; }

    /// <summary>By group: remote positions.</summary>
    public int[][] Remote { get; }
}

/// <summary>A seeker's rule and ranking columns.</summary>
internal struct SeekerColumns
{
    public double Lat;
    public double Lon;
    public double MaxCommuteKm;
    public double MaxHours;
    public double DesiredWage;
    public double HouseholdIncome;
    public int HouseholdSize;
    public ulong Limits;
    public ulong Needs;
    public int Age;
    public int Education;
    /// <summary>Index into <see cref="TalentPoolView.DisabilityTypes"/>, or −1.</summary>
    public int Disability;
    public double Severity;
    public double Claim;
    public bool Available;
    public bool PrefersRemote;
}

internal sealed class TalentPoolView : SegmentView<SeekerProfile>
{
    public static readonly Domain.DisabilityType[] DisabilityTypes = Enum.GetValues<Domain.DisabilityType>();

    /// <summary>Groups: prefers remote (×3) plus the household's claim on public-welfare work (1.0, 0.4, 0).</summary>
    public const int Groups = 6;

    public TalentPoolView(AtomicReader reader, LuceneIndex<SeekerProfile> store)
        : base(reader, store)
    {
        var groups = new int[MaxDoc];
        var cellOf = new long[MaxDoc];
        for (var doc = 0; doc < MaxDoc; doc++)
        {
            var s = Profiles[doc];
            groups[doc] = s is null ? Groups : GroupOf(s.PrefersRemote, Ranker.PriorityClaim(s));
            cellOf[doc] = s is null ? 0 : MatchGrid.Key(MatchGrid.Grid.CellOf(s.Location));
        }
        Arrange(groups, cellOf);

        Columns = new SeekerColumns[MaxDoc];
        var areas = new long[MaxDoc];
        Array.Fill(areas, RemoteArea);
        var cells = Enumerable.Range(0, Groups).Select(_ => new Dictionary<long, List<int>>()).ToArray();
        var byGroup = Enumerable.Range(0, Groups).Select(_ => new List<int>()).ToArray();
        for (var row = 0; row < MaxDoc; row++)
        {
            ref var c = ref Columns[row];
            if (Profiles[row] is not { } s)
            {
                continue;
            }
            c.Lat = s.Location.Lat;
            c.Lon = s.Location.Lon;
            c.MaxCommuteKm = s.MaxCommuteKm;
            c.MaxHours = s.MaxHoursPerWeek ?? double.PositiveInfinity;
            c.DesiredWage = s.DesiredWage ?? 0;
            c.HouseholdIncome = s.Household.MonthlyIncome;
            c.HouseholdSize = s.Household.Size;
            c.Limits = CodeBits.DemandMask(s.Limits);
            c.Needs = CodeBits.AccommodationMask(s.Needs);
            c.Age = s.Age;
            c.Education = (int)s.Education;
            c.Disability = s.DisabilityType is { } type ? Array.IndexOf(DisabilityTypes, type) : -1;
            c.Severity = s.DisabilityType is null ? 0 : Ranker.Severity(s);
            c.Claim = Ranker.PriorityClaim(s);
            c.Available = HardRules.SeekerAvailable(s);
            c.PrefersRemote = s.PrefersRemote;
            LongestCommuteKm = Math.Max(LongestCommuteKm, s.MaxCommuteKm);
            areas[row] = MatchGrid.Key(GeoGrid.Coarse.CellOf(s.Location));
            var key = MatchGrid.Key(MatchGrid.Grid.CellOf(s.Location));
            var group = GroupOf(s.PrefersRemote, c.Claim);
            if (!cells[group].TryGetValue(key, out var list))
            {
                cells[group][key] = list = [];
            }
            list.Add(row);
            byGroup[group].Add(row);
        }
        Cells = cells.Select(ToCells).ToArray();
        ByGroup = byGroup.Select(g => g.ToArray()).ToArray();
        ReadPostings(reader, TalentPoolFields.Skill, areas);
        ReadPostings(reader, TalentPoolFields.SkillLevel, areas);
    }

    public static int GroupOf(bool prefersRemote, double claim) => (prefersRemote ? 3 : 0) + (claim >= 1 ? 0 : claim > 0 ? 1 : 2);

    /// <summary>The claim every seeker of a group has.</summary>
    public static double ClaimOf(int group) => (group % 3) switch { 0 => 1.0, 1 => 0.4, _ => 0.0 };

    public static bool PrefersRemoteIn(int group) => group >= 3;

    public SeekerColumns[] Columns { get; }

    /// <summary>By group: grid cell of home → seekers.</summary>
    public Dictionary<long, int[]>[] Cells { get; }

    /// <summary>By group: every seeker, for remote work, which any of them can reach.</summary>
    public int[][] ByGroup { get; }

    public double LongestCommuteKm { get; }
}
