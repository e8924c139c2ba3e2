namespace AutoMode.Operator.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Invalid input (validation errors, unreadable files, non-WorkloadClass documents).</summary>
    public const int Failure = 1;

    /// <summary>Wrong command line.</summary>
    public const int Usage = 2;
}
