namespace AutoMode.Operator.Controllers.Gates;

/// <summary>
/// What a singleton controller last established about one gate, as every WorkloadClass reconcile reads it. Readers
/// depend on this folder only, never on the controller that publishes, so the controllers' folders stay independent.
/// </summary>
/// <typeparam name="TSnapshot">An immutable result of one pass of the publishing controller.</typeparam>
internal interface IGateSource<out TSnapshot>
    where TSnapshot : class
{
    /// <summary>Raised after every change, so the classes that read the gate are reconciled as soon as it moves.</summary>
    event Action? Changed;

    TSnapshot Current { get; }
}
