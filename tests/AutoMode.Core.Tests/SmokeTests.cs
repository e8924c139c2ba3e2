using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void ApiVersion_IsGroupSlashVersion() => Assert.Equal("automode.io/v1alpha1", WorkloadClassApi.ApiVersion);
}
