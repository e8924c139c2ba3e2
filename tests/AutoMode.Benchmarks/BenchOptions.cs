using System.Globalization;

namespace AutoMode.Benchmarks;

/// <summary>Command line of <c>make bench</c>; BENCH_KUBECONFIG switches from the loopback fake API server to a real cluster.</summary>
internal sealed record BenchOptions
{
    public int Classes { get; init; } = 1000;
    public int NodeClaims { get; init; } = 5000;
    public int Edits { get; init; } = 200;
    public int Resyncs { get; init; } = 10;
    public int Workers { get; init; } = 4;
    public string Out { get; init; } = "docs/benchmarks.md";
    public string? Kubeconfig { get; init; }

    /// <summary>The JIT-compiled operator to start for the startup/RSS rows; default: the Operator project's Release output.</summary>
    public string? OperatorDll { get; init; }

    /// <summary>The operator as the image ships it (ReadyToRun, `make publish`); default: artifacts/publish/automode-operator.dll when it exists.</summary>
    public string? ImageDll { get; init; }

    /// <summary>The NativeAOT operator; default: artifacts/publish-aot/automode-operator when it exists.</summary>
    public string? AotBinary { get; init; }

    /// <summary>Whether to start the operator executables (off for quick smoke runs).</summary>
    public bool Processes { get; init; } = true;

    /// <summary>Starts of each operator executable; the startup and RSS rows give the median (one start moves by ±0.4 s with machine load).</summary>
    public int Starts { get; init; } = 5;

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Against BENCH_KUBECONFIG: whether the bench sets NodeClass/NodePool Ready where no Auto Mode controller does.</summary>
    public StandInMode StandIn { get; init; } = StandInMode.Auto;

    public static string Usage =>
        """
        Usage: dotnet run --project tests/AutoMode.Benchmarks -c Release -- [options]
          --classes N        WorkloadClasses (default 1000)
          --nodeclaims M     NodeClaims spread over their pools (default 5000; fake API server only)
          --edits E          edits of one class, for the edit-to-apply latency (default 200)
          --resyncs R        full resyncs of the steady-state period (default 10)
          --workers W        operator workers and floor-client parallelism (default 4)
          --out PATH         report file (default docs/benchmarks.md)
          --operator-dll P   automode-operator.dll to start (default: src/AutoMode.Operator/bin/Release/net10.0)
          --image-dll P      the operator as the image ships it, ReadyToRun (default: artifacts/publish, written by make publish)
          --aot PATH         NativeAOT binary (default: artifacts/publish-aot/automode-operator when present)
          --no-processes     skip starting the operator executables (startup and RSS rows)
          --starts K         starts of each operator executable; rows give the median (default 5)
          --ready-timeout S  seconds to wait for convergence (default 300)
          --auto-mode-stand-in     BENCH_KUBECONFIG only: set NodeClass/NodePool Ready via /status right away
                                   (kind, envtest, kubeadm: no EKS Auto Mode controller there)
          --no-auto-mode-stand-in  never stand in (an EKS Auto Mode cluster). Default: stand in only if nobody
                                   reports Ready on the warm-up objects within 10 s
        BENCH_KUBECONFIG=path: run against that cluster instead of the loopback fake API server. Its CRDs are
        checked first (workloadclasses.automode.io, nodeclasses.eks.amazonaws.com, nodepools.karpenter.sh,
        nodeclaims.karpenter.sh): a missing one exits with code 3 within 20 s.
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var options = new BenchOptions { Kubeconfig = environment("BENCH_KUBECONFIG") is { Length: > 0 } k ? k : null };
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value()
            {
                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                problems.Add($"{name} needs a value");
                return "";
            }

            int Count()
            {
                var text = Value();
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0)
                {
                    return n;
                }

                problems.Add($"{name}: '{text}' is not a whole number");
                return 0;
            }

            options = name switch
            {
                "--classes" => options with { Classes = Count() },
                "--nodeclaims" => options with { NodeClaims = Count() },
                "--edits" => options with { Edits = Count() },
                "--resyncs" => options with { Resyncs = Count() },
                "--workers" => options with { Workers = Math.Max(1, Count()) },
                "--out" => options with { Out = Value() },
                "--operator-dll" => options with { OperatorDll = Value() },
                "--image-dll" => options with { ImageDll = Value() },
                "--aot" => options with { AotBinary = Value() },
                "--no-processes" => options with { Processes = false },
                "--starts" => options with { Starts = Math.Max(1, Count()) },
                "--ready-timeout" => options with { ReadyTimeout = TimeSpan.FromSeconds(Math.Max(1, Count())) },
                "--auto-mode-stand-in" => options with { StandIn = StandInMode.Always },
                "--no-auto-mode-stand-in" => options with { StandIn = StandInMode.Never },
                _ => Unknown(name),
            };
        }

        if (options.Classes < 1)
        {
            problems.Add("--classes must be at least 1");
        }

        errors = problems;
        return options;

        BenchOptions Unknown(string arg)
        {
            problems.Add($"unknown argument '{arg}'");
            return options;
        }
    }
}
