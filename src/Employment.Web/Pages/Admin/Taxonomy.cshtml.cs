using Employment.Core.Data;
using Employment.Core.Taxonomy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Employment.Web.Pages.Admin;

/// <summary>The taxonomy as shipped (seed-data/taxonomy), read-only: codes are never renamed here.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class TaxonomyModel : PageModel
{
    [BindProperty(SupportsGet = true)] public TaxonomyKind Kind { get; set; } = TaxonomyKind.Skill;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<TaxonomyTerm> Terms { get; private set; } = [];
    public IReadOnlyDictionary<TaxonomyKind, int> Counts { get; private set; } = new Dictionary<TaxonomyKind, int>();

    public void OnGet()
    {
        var taxonomy = Taxonomy.Embedded;
        Counts = taxonomy.All.GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.Count());
        var terms = taxonomy.All.Where(t => t.Kind == Kind);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            terms = terms.Where(t => t.Code.Contains(q, StringComparison.OrdinalIgnoreCase) || t.NameZh.Contains(q, StringComparison.Ordinal)
                || t.NameEn.Contains(q, StringComparison.OrdinalIgnoreCase));
        }
        Terms = terms.OrderBy(t => t.Group, StringComparer.Ordinal).ThenBy(t => t.Code, StringComparer.Ordinal).ToList();
    }
}
