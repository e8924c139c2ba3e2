using AutoMode.Operator.Hosting;

namespace AutoMode.Operator.Cli;

/// <summary>What `run`'s command line asks for: help, or options that are complete (no errors) or not.</summary>
/// <param name="Help">-h or --help was given; nothing else was read.</param>
/// <param name="Options">The parsed options when there is no error; null otherwise.</param>
/// <param name="Errors">Each bad flag or environment variable, naming it and its value.</param>
internal sealed record RunRequest(bool Help, RunOptions? Options, IReadOnlyList<string> Errors);
