namespace AutoMode.Aws.Tests;

/// <summary>Assertions on the one AWS exception type by its kind.</summary>
internal static class AwsAssert
{
    public static async Task<AwsServiceException> ThrowsAsync(AwsErrorKind kind, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(call);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    public static AwsServiceException IsKind(AwsErrorKind kind, object? error)
    {
        var typed = Assert.IsType<AwsServiceException>(error);
        Assert.Equal(kind, typed.Kind);
        return typed;
    }
}
