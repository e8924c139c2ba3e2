namespace AutoMode.Operator.Tests.Hardening;

/// <summary>Tests that set process environment variables run alone, never next to another test of this collection.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;
