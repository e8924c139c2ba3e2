namespace AutoMode.Benchmarks;

internal static class Program
{
    private static int Main()
    {
        Console.WriteLine("benchmark: not implemented yet");
        return 0;
    }
}
