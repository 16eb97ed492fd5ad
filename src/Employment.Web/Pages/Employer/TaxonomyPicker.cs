using Employment.Core.Taxonomy;

namespace Employment.Web.Pages.Employer;

/// <summary>One checkbox group per taxonomy group, for one field of the position form.</summary>
public sealed record TaxonomyPicker(string Field, string IdPrefix, string Legend, IReadOnlyList<TaxonomyTerm> Terms,
    IReadOnlySet<string> Selected, IReadOnlySet<string> Suggested, bool English, string? Error)
{
    public IEnumerable<IGrouping<string, TaxonomyTerm>> Groups => Terms.GroupBy(t => t.Group);
}
