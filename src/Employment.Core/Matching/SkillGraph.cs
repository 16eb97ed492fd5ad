using System.Runtime.CompilerServices;
using Employment.Core.Taxonomy;

namespace Employment.Core.Matching;

/// <summary>The taxonomy's "related" links made symmetric, and which codes are licences.</summary>
internal sealed class SkillGraph
{
    private static readonly ConditionalWeakTable<Taxonomy.Taxonomy, SkillGraph> Cache = new();
    private static readonly HashSet<string> None = new(StringComparer.Ordinal);

    private readonly Dictionary<string, HashSet<string>> _neighbours = new(StringComparer.Ordinal);
    private readonly HashSet<string> _certificates = new(StringComparer.Ordinal);

    private SkillGraph(Taxonomy.Taxonomy taxonomy)
    {
        foreach (var term in taxonomy.Skills)
        {
            if (term.IsCertificate)
            {
                _certificates.Add(term.Code);
            }
            foreach (var related in term.Related)
            {
                Link(term.Code, related);
                Link(related, term.Code);
            }
        }
    }

    public static SkillGraph For(Taxonomy.Taxonomy taxonomy) => Cache.GetValue(taxonomy, t => new SkillGraph(t));

    public bool IsCertificate(string code) => _certificates.Contains(code) || code.StartsWith("cert.", StringComparison.Ordinal);

    public IReadOnlySet<string> Neighbours(string code) => _neighbours.TryGetValue(code, out var set) ? set : None;

    private void Link(string from, string to)
    {
        if (from == to)
        {
            return;
        }
        if (!_neighbours.TryGetValue(from, out var set))
        {
            _neighbours[from] = set = new HashSet<string>(StringComparer.Ordinal);
        }
        set.Add(to);
    }
}
