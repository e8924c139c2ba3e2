using AutoMode.Kubernetes.Controllers;
using AutoMode.Kubernetes.Informers;
using AutoMode.Kubernetes.Tests.Support;
using k8s.Models;

namespace AutoMode.Kubernetes.Tests.Controllers;

/// <summary>The skeleton shared by the single-key controllers: off switch, selection, pass, failure translation.</summary>
public sealed class SingleKeyReconcilerTests
{
    [Fact]
    public async Task Pass_SeesOnlySelectedObjects_InNameOrder()
    {
        var reconciler = new Probe(Store("b-keep", "drop", "a-keep"));

        var result = await reconciler.ReconcileAsync("only", CancellationToken.None);

        Assert.Equal(["a-keep", "b-keep"], reconciler.Passed);
        Assert.Equal(TimeSpan.FromMinutes(5), result.RequeueAfter);
    }

    [Fact]
    public async Task Disabled_AnswersWithoutAPass()
    {
        var reconciler = new Probe(Store("a-keep")) { Disabled = ReconcileResult.Done };

        var result = await reconciler.ReconcileAsync("only", CancellationToken.None);

        Assert.Null(reconciler.Passed);
        Assert.Null(result.RequeueAfter);
    }

    [Fact]
    public async Task DescribedFailure_BecomesItsResult_WithTheSelection()
    {
        var reconciler = new Probe(Store("a-keep")) { Throw = new TimeoutException("slow"), Translate = _ => ReconcileResult.After(TimeSpan.FromMinutes(1)) };

        var result = await reconciler.ReconcileAsync("only", CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(1), result.RequeueAfter);
        Assert.Equal(["a-keep"], reconciler.FailedWith);
    }

    [Fact]
    public async Task UndescribedFailure_IsRethrownToTheQueue()
    {
        var failure = new TimeoutException("slow");
        var reconciler = new Probe(Store("a-keep")) { Throw = failure, Translate = _ => null };

        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => reconciler.ReconcileAsync("only", CancellationToken.None));

        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task OtherExceptionType_NeverReachesTheTranslation()
    {
        var reconciler = new Probe(Store("a-keep")) { Throw = new InvalidOperationException("bug"), Translate = _ => ReconcileResult.Done };

        await Assert.ThrowsAsync<InvalidOperationException>(() => reconciler.ReconcileAsync("only", CancellationToken.None));
        Assert.Null(reconciler.FailedWith);
    }

    private static ListStore Store(params string[] names) => new([.. names.Select(n => new Widget { Metadata = new V1ObjectMeta { Name = n } })]);

    private sealed class Probe(IObjectStore<Widget> store) : SingleKeyReconciler<Widget, TimeoutException>(store)
    {
        public ReconcileResult? Disabled { get; init; }

        public Exception? Throw { get; init; }

        public Func<TimeoutException, ReconcileResult?> Translate { get; init; } = _ => null;

        public List<string>? Passed { get; private set; }

        public List<string>? FailedWith { get; private set; }

        protected override ReconcileResult? WhenDisabled() => Disabled;

        protected override bool Selects(Widget candidate) => candidate.Metadata.Name.EndsWith("-keep", StringComparison.Ordinal);

        protected override Task<ReconcileResult> PassAsync(IReadOnlyList<Widget> selected, CancellationToken cancellationToken)
        {
            Passed = [.. selected.Select(w => w.Metadata.Name)];
            return Throw is null ? Task.FromResult(ReconcileResult.After(TimeSpan.FromMinutes(5))) : Task.FromException<ReconcileResult>(Throw);
        }

        protected override ReconcileResult? Failed(IReadOnlyList<Widget> selected, TimeoutException failure)
        {
            FailedWith = [.. selected.Select(w => w.Metadata.Name)];
            return Translate(failure);
        }
    }

    private sealed class ListStore(IReadOnlyList<Widget> items) : IObjectStore<Widget>
    {
        public bool HasSynced => true;

        public Widget? Get(string name) => items.FirstOrDefault(w => w.Metadata.Name == name);

        public IReadOnlyList<Widget> List() => items;

        public IReadOnlyList<Widget> ListByLabel(string key, string value) => [];
    }
}
