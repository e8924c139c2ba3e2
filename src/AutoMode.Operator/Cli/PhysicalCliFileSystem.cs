namespace AutoMode.Operator.Cli;

public sealed class PhysicalCliFileSystem : ICliFileSystem
{
    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public IEnumerable<string> EnumerateFiles(string directory) => Directory.EnumerateFiles(directory, "*", SearchOption.TopDirectoryOnly);

    public IEnumerable<string> EnumerateDirectories(string directory) => Directory.EnumerateDirectories(directory, "*", SearchOption.TopDirectoryOnly);

    public string ReadAllText(string path) => File.ReadAllText(path);
}
