namespace AutoMode.Operator.Cli;

/// <summary>What the CLI needs from the file system, so commands can run in-process in tests.</summary>
public interface ICliFileSystem
{
    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>Files directly in the directory (not recursive).</summary>
    IEnumerable<string> EnumerateFiles(string directory);

    /// <summary>Directories directly in the directory (not recursive).</summary>
    IEnumerable<string> EnumerateDirectories(string directory);

    /// <summary>Throws IOException/UnauthorizedAccessException like File.ReadAllText.</summary>
    string ReadAllText(string path);
}
