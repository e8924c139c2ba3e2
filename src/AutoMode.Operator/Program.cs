namespace AutoMode.Operator;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.WriteLine("automode-operator: not implemented yet");
        return args.Length;
    }
}
