namespace AutoMode.E2E.Tests;

/// <summary>The Ready status a generated object carries, and whether the test had to set it (no Auto Mode controller answered).</summary>
internal sealed record ChildReadiness(string Status, bool PlayedByTest);
