namespace AutoMode.Operator.Controllers.Gates;

/// <summary>
/// Holds the latest snapshot of a gate and raises <see cref="Changed"/> only when a published snapshot differs from
/// the one before: a controller republishes the same result on every pass, and each change re-queues classes.
/// </summary>
/// <typeparam name="TSnapshot">An immutable snapshot.</typeparam>
/// <param name="initial">What readers see before the first pass.</param>
/// <param name="same">Whether two snapshots carry the same content (a record's equality, or by value for collections).</param>
internal class SnapshotPublisher<TSnapshot>(TSnapshot initial, Func<TSnapshot, TSnapshot, bool> same) : IGateSource<TSnapshot>
    where TSnapshot : class
{
    private volatile TSnapshot _current = initial;

    public event Action? Changed;

    public TSnapshot Current => _current;

    public void Publish(TSnapshot snapshot)
    {
        // One publisher per gate (a single-key controller), so read-then-write needs no lock.
        var previous = _current;
        _current = snapshot;
        if (!same(previous, snapshot))
        {
            Changed?.Invoke();
        }
    }
}
