using Employment.Core.Domain;
using Employment.Core.Matching;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Employment.Core.Search;

public enum TalentPoolSort { Name, Age, IncomePerHead, LastReferred, Registered }

/// <summary>A counselor's search of the talent pool: every criterion optional, all of them must hold.</summary>
public sealed record TalentPoolQuery
{
    /// <summary>Part of the name (汉字 or letters); a substring in practice.</summary>
    public string? Name { get; init; }
    public string? Skill { get; init; }
    public HouseholdCategory? Category { get; init; }
    public PovertyCause? Cause { get; init; }
    /// <summary>A street or community code: the household's division starts with it.</summary>
    public string? Street { get; init; }
    public bool Disabled { get; init; }
    public bool ZeroEmployment { get; init; }
    public bool NotReferredRecently { get; init; }
    /// <summary>Only people who can be placed now: able to work and not employed.</summary>
    public bool AvailableOnly { get; init; }
    /// <summary>
    /// The division codes the searcher covers; null means everywhere (an admin). Part of the Lucene
    /// query itself, so no other street's person is ever a hit, whatever the other criteria say.
    /// </summary>
    public IReadOnlyList<string>? Areas { get; init; }
    public TalentPoolSort Sort { get; init; } = TalentPoolSort.Name;
    public bool Descending { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

public sealed record TalentPoolPage(IReadOnlyList<string> PersonIds, int Total, int Page, int PageSize)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>
/// The talent-pool search over <see cref="TalentPoolIndex"/>: filters as Lucene terms, sorting on
/// doc values, one page of person ids out. The fields it needs are written by <see cref="AddFields"/>
/// from the profile's <see cref="SeekerListing"/>.
/// </summary>
public sealed class TalentPoolSearch(TalentPoolIndex index, TimeProvider clock)
{
    /// <summary>"Not referred recently" means no referral in this many days.</summary>
    public const int NotReferredDays = 30;
    public const int MaxPageSize = 100;
    /// <summary>Deep paging costs a sort of everything before the page; nobody reads 200 pages.</summary>
    private const int MaxDepth = 4000;

    private const string NameGram = "tp_name";
    private const string NameSort = "tp_name_sort";
    private const string Division = "tp_div";
    private const string Category = "tp_cat";
    private const string Cause = "tp_cause";
    private const string Zero = "tp_zero";
    private const string LastReferred = "tp_lastref";
    private const string LastReferredSort = "tp_lastref_dv";
    private const string Registered = "tp_reg";
    private const string IncomePerHead = "tp_iph";
    private const string Disabled = "tp_disabled";

    public TalentPoolPage Search(TalentPoolQuery query)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Clamp(query.Page, 1, MaxDepth / pageSize);
        if (query.Areas is { Count: 0 })
        {
            return new TalentPoolPage([], 0, 1, pageSize);
        }
        var lucene = Build(query, clock.GetUtcNow().UtcDateTime);
        if (lucene is null)
        {
            return new TalentPoolPage([], 0, 1, pageSize);
        }
        var sort = new Sort(SortFieldsFor(query.Sort, query.Descending));
        var store = index.Store;
        var searcher = store.AcquireSearcher();
        try
        {
            var top = searcher.Search(lucene, null, page * pageSize, sort);
            // A page past the end shows the last page rather than nothing.
            var pages = top.TotalHits == 0 ? 1 : (top.TotalHits + pageSize - 1) / pageSize;
            if (page > pages)
            {
                page = Math.Min(pages, MaxDepth / pageSize);
                top = searcher.Search(lucene, null, page * pageSize, sort);
            }
            var ids = top.ScoreDocs.Skip((page - 1) * pageSize)
                .Select(d => searcher.Doc(d.Doc).Get(FieldNames.Id))
                .ToList();
            return new TalentPoolPage(ids, top.TotalHits, page, pageSize);
        }
        finally
        {
            store.ReleaseSearcher(searcher);
        }
    }

    private static SortField[] SortFieldsFor(TalentPoolSort sort, bool descending)
    {
        var byName = new SortField(NameSort, SortFieldType.STRING, descending && sort == TalentPoolSort.Name);
        return sort switch
        {
            TalentPoolSort.Age => [new SortField(TalentPoolFields.Age, SortFieldType.INT64, descending), byName],
            TalentPoolSort.IncomePerHead => [new SortField(IncomePerHead, SortFieldType.INT64, descending), byName],
            TalentPoolSort.LastReferred => [new SortField(LastReferredSort, SortFieldType.INT64, descending), byName],
            TalentPoolSort.Registered => [new SortField(Registered, SortFieldType.INT64, descending), byName],
            _ => [byName, new SortField(TalentPoolFields.Age, SortFieldType.INT64)],
        };
    }

    /// <summary>Null when the criteria can match nobody (a name with nothing searchable in it).</summary>
    private static Query? Build(TalentPoolQuery q, DateTime nowUtc)
    {
        var all = new BooleanQuery { { new MatchAllDocsQuery(), Occur.MUST } };
        if (q.Areas is { } areas)
        {
            var scope = new BooleanQuery();
            foreach (var area in areas.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal))
            {
                scope.Add(new PrefixQuery(new Term(Division, area)), Occur.SHOULD);
            }
            if (scope.Clauses.Count == 0)
            {
                return null;
            }
            all.Add(scope, Occur.MUST);
        }
        if (!string.IsNullOrWhiteSpace(q.Name))
        {
            var grams = QueryGrams(q.Name);
            if (grams.Count == 0)
            {
                return null;
            }
            foreach (var gram in grams)
            {
                all.Add(new TermQuery(new Term(NameGram, gram)), Occur.MUST);
            }
        }
        if (!string.IsNullOrWhiteSpace(q.Skill))
        {
            all.Add(new TermQuery(new Term(TalentPoolFields.Skill, q.Skill.Trim())), Occur.MUST);
        }
        if (q.Category is { } category)
        {
            all.Add(new TermQuery(new Term(Category, category.ToWire())), Occur.MUST);
        }
        if (q.Cause is { } cause)
        {
            all.Add(new TermQuery(new Term(Cause, cause.ToWire())), Occur.MUST);
        }
        if (!string.IsNullOrWhiteSpace(q.Street))
        {
            all.Add(new PrefixQuery(new Term(Division, q.Street.Trim())), Occur.MUST);
        }
        if (q.Disabled)
        {
            all.Add(new TermQuery(new Term(Disabled, "1")), Occur.MUST);
        }
        if (q.AvailableOnly)
        {
            all.Add(new TermQuery(new Term(TalentPoolFields.Available, "1")), Occur.MUST);
        }
        if (q.ZeroEmployment)
        {
            all.Add(new TermQuery(new Term(Zero, "1")), Occur.MUST);
        }
        if (q.NotReferredRecently)
        {
            // Never referred is stored as 0, so it falls in the range too.
            var cutoff = nowUtc.AddDays(-NotReferredDays).Ticks;
            all.Add(NumericRangeQuery.NewInt64Range(LastReferred, 0, cutoff, true, false), Occur.MUST);
        }
        return all;
    }

    /// <summary>The search fields of one person; called by the talent pool's schema for every document.</summary>
    internal static void AddFields(Document d, SeekerProfile s)
    {
        if (s.Listing is not { } l)
        {
            return;
        }
        foreach (var gram in IndexGrams(l.Name))
        {
            d.Add(new StringField(NameGram, gram, Field.Store.NO));
        }
        d.Add(new SortedDocValuesField(NameSort, new BytesRef(Normalise(l.Name))));
        if (s.DisabilityType is not null)
        {
            d.Add(new StringField(Disabled, "1", Field.Store.NO));
        }
        if (!string.IsNullOrEmpty(l.HouseholdDivisionCode))
        {
            d.Add(new StringField(Division, l.HouseholdDivisionCode, Field.Store.NO));
        }
        if (l.Category is { } category)
        {
            d.Add(new StringField(Category, category.ToWire(), Field.Store.NO));
        }
        foreach (var cause in l.Causes.Distinct())
        {
            d.Add(new StringField(Cause, cause.ToWire(), Field.Store.NO));
        }
        d.Add(new StringField(Zero, s.Household.ZeroEmployment ? "1" : "0", Field.Store.NO));
        var last = l.LastReferredUtc?.Ticks ?? 0;
        d.Add(new Int64Field(LastReferred, last, Field.Store.NO));
        d.Add(new NumericDocValuesField(LastReferredSort, last));
        d.Add(new NumericDocValuesField(Registered, l.RegisteredUtc.Ticks));
        d.Add(new NumericDocValuesField(IncomePerHead, (long)Math.Round(l.IncomePerHead * 100)));
    }

    private static string Normalise(string name) =>
        new(name.Where(c => !char.IsWhiteSpace(c) && c != '·' && c != '.').Select(char.ToLowerInvariant).ToArray());

    // Names are short: every character and every pair of neighbours is a term, so a query's pairs
    // all present means (nearly always) the query is a part of the name. 张 finds every 张; 小明
    // finds 王小明 but 王明 does not.
    internal static HashSet<string> IndexGrams(string name)
    {
        var n = Normalise(name);
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < n.Length; i++)
        {
            grams.Add(n.Substring(i, 1));
            if (i + 1 < n.Length)
            {
                grams.Add(n.Substring(i, 2));
            }
        }
        return grams;
    }

    internal static HashSet<string> QueryGrams(string name)
    {
        var n = Normalise(name);
        if (n.Length == 1)
        {
            return [n];
        }
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < n.Length; i++)
        {
            grams.Add(n.Substring(i, 2));
        }
        return grams;
    }
}
