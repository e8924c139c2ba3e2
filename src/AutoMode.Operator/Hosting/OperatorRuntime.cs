using AutoMode.Aws;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Controllers;
using AutoMode.Kubernetes.Events;
using AutoMode.Kubernetes.Hosting;
using AutoMode.Kubernetes.Informers;
using AutoMode.Kubernetes.LeaderElection;
using AutoMode.Kubernetes.Queue;
using AutoMode.Operator.Controllers;
using AutoMode.Operator.Controllers.AccessEntries;
using AutoMode.Operator.Controllers.ClusterRolePolicy;
using AutoMode.Operator.Controllers.Gates;
using AutoMode.Operator.Controllers.WorkloadClasses;
using k8s;
using k8s.Models;

namespace AutoMode.Operator.Hosting;

/// <summary>
/// The operator, composed: informers (list + watch caches), the event-to-key mapping, the two controllers and leader
/// election. The same composition runs in `run`, the controller tests against the fake API server, e2e and the benchmark.
/// Caches and readiness run on every replica; controllers only on the leader.
/// </summary>
internal sealed class OperatorRuntime : IAsyncDisposable
{
    private readonly RunOptions _options;
    private readonly IKubernetes _leaseClient;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private readonly TimeProvider _networkTime;
    private readonly WorkloadClassController _classReconciler;
    private readonly Action _onLostLeadership;
    private readonly Informer<V1Alpha1WorkloadClass> _classes;
    private readonly Informer<V1NodeClass> _nodeClasses;
    private readonly Informer<V1NodePool> _nodePools;
    private readonly Informer<V1NodeClaim> _nodeClaims;
    private readonly WorkQueue _classQueue;
    private readonly Controller _classController;
    private readonly SingleKeyController _policyController;
    private readonly SingleKeyController? _accessController;

    public OperatorRuntime(
        IKubernetes client,
        IKubernetes leaseClient,
        RunOptions options,
        IIamRolePolicyApi? iam,
        IEksApi? eks,
        IEventRecorder events,
        TimeProvider time,
        ILoggerFactory loggers,
        Action onLostLeadership,
        TimeProvider? networkTime = null)
    {
        _options = options;
        _leaseClient = leaseClient;
        _loggers = loggers;
        _time = time;
        // Schedules (now, requeue-at-transition, backoff) read `time`; watch reconnects and resyncs read `networkTime`,
        // so tests can drive schedules with a fake clock while the network side runs in real time.
        _networkTime = networkTime ?? time;
        _onLostLeadership = onLostLeadership;

        // NodeClasses and NodePools are cached whole, not by our label: a label can be edited away (the object would
        // drop out of a filtered cache and its edits go unseen), and the deletion of a conflicting hand-made object
        // must reach the class waiting for its name. Clusters hold tens of these, not thousands.
        _classes = Informer<V1Alpha1WorkloadClass>(client, Kinds.WorkloadClass, null, CacheTransforms.WorkloadClass);
        _nodeClasses = Informer<V1NodeClass>(client, Kinds.NodeClass, null, CacheTransforms.Generated<V1NodeClass>);
        _nodePools = Informer<V1NodePool>(client, Kinds.NodePool, null, CacheTransforms.Generated<V1NodePool>);
        _nodeClaims = Informer<V1NodeClaim>(client, Kinds.NodeClaim, V1NodeClaim.NodePoolLabel, CacheTransforms.NodeClaim, NodeClaimListReader.Read);

        _classQueue = new WorkQueue(time);
        TagPolicy = new TagPolicyState(options.IamPropagationDelay);
        AccessEntries = new AccessEntryState(enabled: eks is not null && options.ClusterName.Length > 0);
        Writer = new CountingObjectWriter(new KubernetesObjectWriter(client, loggers.CreateLogger<KubernetesObjectWriter>()));

        var identity = new OperatorIdentity(options.PodName, options.LeaderElectionNamespace, options.NodeName);
        var expectations = new WriteExpectations(time);
        var drainer = new OffHoursDrainer(Writer, events, identity, new ProtectedPodNodes(client), loggers.CreateLogger<OffHoursDrainer>(), expectations);
        var classController = _classReconciler = new WorkloadClassController(
            _classes.Store, _nodeClasses.Store, _nodePools.Store, _nodeClaims.Store,
            Writer, events, AccessEntries, TagPolicy, drainer, time, loggers.CreateLogger<WorkloadClassController>(), expectations,
            kind => (kind == Kinds.NodePool ? (Action)_nodePools.RequestRelist : _nodeClasses.RequestRelist)());
        _classController = new Controller(WorkloadClassController.Name, classController, _classQueue,
            loggers.CreateLogger<WorkloadClassController>(), new ControllerOptions { MaxConcurrentReconciles = options.Workers }, time);

        IReconciler policyController = iam is not null && eks is not null
            ? new ClusterRolePolicyController(_classes.Store, iam, eks, TagPolicy, TagPolicySettings(options), events, time, loggers.CreateLogger<ClusterRolePolicyController>())
            : new DisabledTagPolicyController(TagPolicy);
        _policyController = new SingleKeyController("clusterrolepolicy", policyController, loggers.CreateLogger<ClusterRolePolicyController>(), time);

        if (eks is not null && AccessEntries.Enabled)
        {
            var accessSettings = new AccessEntrySettings { ClusterName = options.ClusterName, CreateMissing = options.CreateAccessEntries, Resync = options.IamResync };
            var check = new AccessEntryCheck(eks, accessSettings, events, loggers.CreateLogger<AccessEntryCheck>());
            _accessController = new SingleKeyController("accessentries",
                new AccessEntryController(_classes.Store, check, accessSettings, time, AccessEntries, loggers.CreateLogger<AccessEntryController>()),
                loggers.CreateLogger<AccessEntryController>(), time);
        }

        WireEvents();
    }

    /// <summary>Readiness (caches synced) and leadership, for /readyz and tests.</summary>
    public IHealthState? Health { get; private set; }

    public bool IsReady => Health?.IsReady == true;

    public TagPolicyState TagPolicy { get; }

    /// <summary>Per-node-role access-entry results (NodeRoleAccessEntryReady).</summary>
    public AccessEntryState AccessEntries { get; }

    /// <summary>Every write this replica made (tests and the benchmark read the count).</summary>
    public CountingObjectWriter Writer { get; }

    /// <summary>One reconcile of one class, outside the queue (tests).</summary>
    internal Task<ReconcileResult> ReconcileClassAsync(string name, CancellationToken cancellationToken) =>
        _classReconciler.ReconcileAsync(name, cancellationToken);

    /// <summary>
    /// A full resync on demand (benchmark): enqueues every cached class, as the resync timer would, and returns how
    /// many keys were added.
    /// </summary>
    internal int ResyncAll()
    {
        var keys = 0;
        foreach (var workloadClass in _classes.Store.List())
        {
            _classQueue.Add(workloadClass.Metadata.Name);
            keys++;
        }

        return keys;
    }

    /// <summary>Class keys waiting in the queue, ready or delayed (benchmark: wait for the queue to drain).</summary>
    internal int PendingClassKeys => _classQueue.Count + _classQueue.DelayedCount;

    /// <summary>Whether this replica currently runs the controllers.</summary>
    public bool IsLeading => (Health as ControllerManager)?.IsLeading == true;

    public IObjectStore<V1Alpha1WorkloadClass> Classes => _classes.Store;

    /// <summary>What the NodeClass and NodePool caches hold for one name, and where their watches resume (test diagnostics).</summary>
    internal string DescribeChildCaches(string name)
    {
        static string Describe<T>(Informer<T> informer, string name)
            where T : class, IKubernetesObject<V1ObjectMeta>
        {
            var cached = informer.Store.Get(name);
            return $"{informer.Name} resumes at {informer.LastResourceVersion}, caches {(cached is null ? "nothing" : $"rv {cached.Metadata.ResourceVersion} of uid {cached.Metadata.Uid}")}";
        }

        var pool = _nodePools.Store.Get(name);
        var ready = pool?.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        return $"{Describe(_nodeClasses, name)}; {Describe(_nodePools, name)} (Ready={ready?.Status ?? "none"})";
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var election = _options.LeaderElect
            ? LeaderElectionRunner.ForLease(_leaseClient, new LeaderElectionOptions
            {
                Namespace = _options.LeaderElectionNamespace,
                LeaseName = _options.LeaderElectionId,
                Identity = _options.PodName,
            }, _onLostLeadership, _loggers.CreateLogger<LeaderElectionRunner>(), _networkTime)
            : null;
        var manager = new ControllerManager(_loggers.CreateLogger<ControllerManager>(), election);
        foreach (var informer in new IInformer[] { _classes, _nodeClasses, _nodePools, _nodeClaims })
        {
            manager.AddInformer(informer);
        }

        manager.AddController(_classController);
        manager.AddController(_policyController.Controller);
        if (_accessController is not null)
        {
            manager.AddController(_accessController.Controller);
            _accessController.Enqueue();
        }

        // The informers' initial lists enqueue every class; the singleton IAM key is enqueued once up front, so a
        // policy left behind while the operator was down is removed even when no class exists any more.
        _policyController.Enqueue();
        Health = manager;
        await manager.RunAsync(cancellationToken);
    }

    private void WireEvents()
    {
        _classes.Subscribe(e =>
        {
            // Status-only updates reach the class too: the reconcile compares the stored status with the one it
            // computes, and a status it did not compute (an earlier patch of its own answered late, a previous
            // replica's) would otherwise stay until a timer. Our own writes cost one reconcile that writes nothing.
            _classQueue.Add(e.Object.Metadata.Name);
            var statusOnly = e.Type == InformerEventType.Updated && e.Old is not null && e.New is not null && !SpecOrMetadataChanged(e.Old, e.New);
            if (e.Type != InformerEventType.Resync && !statusOnly)
            {
                _policyController.Enqueue();
                _accessController?.Enqueue();
            }
        });
        _nodeClasses.Subscribe(e => EnqueueOwner(e.Object));
        _nodePools.Subscribe(e => EnqueueOwner(e.Object));
        _nodeClaims.Subscribe(e =>
        {
            // NodeClaims are matched to a class by their pool's name; claims of pools we do not own are ignored.
            if (e.Object.Label(V1NodeClaim.NodePoolLabel) is { } pool && _classes.Store.Get(pool) is not null)
            {
                _classQueue.Add(pool);
            }
        });
        RequeueOnChange(AccessEntries, _ => true);
        RequeueOnChange(TagPolicy, c => c.Spec.Tags is { Count: > 0 });
    }

    /// <summary>When a gate moves, the classes that read it are reconciled without waiting for their own events.</summary>
    private void RequeueOnChange(IGateSource<object> gate, Func<V1Alpha1WorkloadClass, bool> readsGate) =>
        gate.Changed += () =>
        {
            foreach (var workloadClass in _classes.Store.List().Where(readsGate))
            {
                _classQueue.Add(workloadClass.Metadata.Name);
            }
        };

    /// <summary>
    /// A NodeClass/NodePool event goes to the class its controller ownerReference names (whatever its labels say), and
    /// to a class of the same name, which may be waiting for this object (a Conflict, or an earlier class's child).
    /// </summary>
    private void EnqueueOwner(IKubernetesObject<V1ObjectMeta> child)
    {
        if (Ownership.ControllerClassName(child) is { } owner)
        {
            _classQueue.Add(owner);
        }

        if (child.Metadata.Name is { } name && name != Ownership.ControllerClassName(child) && _classes.Store.Get(name) is not null)
        {
            _classQueue.Add(name);
        }
    }

    private static bool SpecOrMetadataChanged(V1Alpha1WorkloadClass before, V1Alpha1WorkloadClass after) =>
        before.Metadata.Generation != after.Metadata.Generation ||
        before.Metadata.DeletionTimestamp != after.Metadata.DeletionTimestamp ||
        !SameMap(before.Metadata.Annotations, after.Metadata.Annotations) ||
        before.Metadata.Uid != after.Metadata.Uid;

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(p => b!.TryGetValue(p.Key, out var v) && v == p.Value));

    private Informer<T> Informer<T>(IKubernetes client, ResourceDescriptor resource, string? labelSelector, Func<T, T> transform, ListItemReader<T>? listItemReader = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(client, resource, _loggers.CreateLogger($"AutoMode.Informer.{resource.Plural}"),
            new InformerOptions { LabelSelector = labelSelector, ResyncPeriod = _options.Resync }, transform, _networkTime, listItemReader: listItemReader);

    private static TagPolicySettings TagPolicySettings(RunOptions options) => new()
    {
        ClusterName = options.ClusterName,
        ClusterRoleName = options.ClusterRoleName,
        PolicyName = options.TagPolicyName,
        ManageIam = options.ManageIam,
        KeepPolicy = options.KeepTagPolicy,
        Partition = Core.Iam.AwsPartitions.FromRegion(options.Region),
        Resync = options.IamResync,
    };

    public ValueTask DisposeAsync()
    {
        _classQueue.Dispose();
        _policyController.Dispose();
        _accessController?.Dispose();
        return ValueTask.CompletedTask;
    }
}
