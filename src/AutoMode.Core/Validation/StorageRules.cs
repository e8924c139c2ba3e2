using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Validation;

/// <summary>spec.ephemeralStorage: the node's root volume size, performance and encryption key.</summary>
internal static partial class StorageRules
{
    public static void Check(ValidationRun run, EphemeralStorageSpec? storage)
    {
        if (storage is null)
        {
            return;
        }

        if (storage.Size is not null)
        {
            run.Pattern("spec.ephemeralStorage.size", storage.Size, 8, VolumeSize(), "a size of 1-59000Gi, 1-64000G, 1-58Ti or 1-64T, e.g. 80Gi");
        }

        run.Range("spec.ephemeralStorage.iops", storage.Iops, 3000, 16000, "IOPS");
        run.Range("spec.ephemeralStorage.throughput", storage.Throughput, 125, 1000, "MiB/s of throughput");
        if (storage.KmsKeyId is not null)
        {
            run.Pattern("spec.ephemeralStorage.kmsKeyID", storage.KmsKeyId, 2048, KmsKey(), "a KMS key id, key ARN, alias/<name> or alias ARN");
        }
    }

    [GeneratedRegex(@"^((?:[1-9][0-9]{0,3}|[1-4][0-9]{4}|[5][0-8][0-9]{3}|59000)Gi|(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|[6][0-3][0-9]{3}|64000)G|(?:[1-9]|[1-5][0-7]|58)Ti|(?:[1-9]|[1-5][0-9]|6[0-3]|64)T)\z")]
    private static partial Regex VolumeSize();

    [GeneratedRegex(@"^(arn:[a-z0-9-]+:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+|alias/[A-Za-z0-9/_-]+|(mrk-)?[0-9a-fA-F-]{32,36})\z")]
    private static partial Regex KmsKey();
}
