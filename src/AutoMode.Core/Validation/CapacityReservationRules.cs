using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>
/// spec.capacityReservations (NodeClass capacityReservationSelectorTerms): by id, or by tags with an optional owner.
/// Shapes: the AWS example term "id: cr-56fac701cc1951b03" (auto-odcr.html) is cr- and 17 hex digits, the long
/// EC2 resource id every Capacity Reservation has had since they launched in 2018 (resource-ids.html); owner is an
/// account id. Exclusivity as Karpenter's own capacity reservation terms have it (aws/karpenter-provider-aws
/// pkg/apis/v1/ec2nodeclass.go: "'id' is mutually exclusive, cannot be set along with other fields").
/// </summary>
internal static partial class CapacityReservationRules
{
    public static void Check(ValidationRun run, IList<CapacityReservationSelectorTerm>? terms)
    {
        const string path = "spec.capacityReservations";
        if (!run.List(path, terms, 30, required: false, "add at least one capacityReservations term (by id or by tags), or remove capacityReservations", nonEmpty: true))
        {
            return;
        }

        for (var i = 0; i < terms!.Count; i++)
        {
            var at = Index(path, i);
            if (terms[i] is not { } term)
            {
                run.Add(at, "is null; give an id or tags");
                continue;
            }

            if (term.Id is not null)
            {
                run.Pattern(Field(at, "id"), term.Id, 20, ReservationId(), "a capacity reservation id: cr- and 17 hexadecimal digits, such as cr-56fac701cc1951b03");
            }

            if (term.Owner is not null)
            {
                run.Pattern(Field(at, "owner"), term.Owner, 12, AccountId(), "the 12-digit AWS account id that owns the reservation, such as 012345678901");
            }

            SelectorTags(run, Field(at, "tags"), term.Tags);
            if (term.Id is null && term.Tags is null)
            {
                run.Add(at, "each capacityReservations term needs 'id' or 'tags'; set one of them");
            }

            if (term.Id is not null && (term.Tags is not null || term.Owner is not null))
            {
                run.Add(Field(at, "id"), "'id' is mutually exclusive with 'tags' and 'owner' in a capacityReservations term; select by id alone, or by tags (and owner) in another term");
            }
        }
    }

    private static void SelectorTags(ValidationRun run, string path, IDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > 20)
        {
            run.Add(path, $"has {tags.Count} tag filters; at most 20 are allowed, split the term");
        }

        // Reported on the map, where the CRD's rule on the map reports it (a CEL rule cannot name a varying key).
        foreach (var (key, value) in Ordered(tags))
        {
            if (key.Length == 0 || string.IsNullOrEmpty(value))
            {
                run.Add(path, $"empty tag keys or values aren't supported ({Q(key)}): give every tag filter a key and a value (use \"*\" for any value)");
            }
            else
            {
                run.Length(Key(path, key), value, 0, 256);
            }
        }
    }

    [GeneratedRegex(@"^cr-[0-9a-f]{17}\z")]
    private static partial Regex ReservationId();

    [GeneratedRegex(@"^[0-9]{12}\z")]
    private static partial Regex AccountId();
}
