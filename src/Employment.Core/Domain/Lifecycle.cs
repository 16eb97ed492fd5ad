namespace Employment.Core.Domain;

/// <summary>
/// A table of allowed transitions. Each lifecycle is one static instance, so pages, the API, the
/// CLI and jobs all go through the same rules rather than setting a status field directly.
/// </summary>
public sealed class Lifecycle<TState> where TState : struct, Enum
{
    private readonly string _entity;
    private readonly Dictionary<TState, HashSet<TState>> _allowed;

    public Lifecycle(string entity, params (TState From, TState[] To)[] transitions)
    {
        _entity = entity;
        _allowed = transitions.ToDictionary(t => t.From, t => t.To.ToHashSet());
    }

    public bool CanMove(TState from, TState to) => _allowed.TryGetValue(from, out var next) && next.Contains(to);

    public IReadOnlyCollection<TState> NextFrom(TState from) =>
        _allowed.TryGetValue(from, out var next) ? next : [];

    public void EnsureCanMove(string id, TState from, TState to)
    {
        if (!CanMove(from, to))
        {
            throw new RefusalException($"{_entity} {id}", "status", RefusalCodes.TransitionNotAllowed, from.ToString(), to.ToString());
        }
    }
}
