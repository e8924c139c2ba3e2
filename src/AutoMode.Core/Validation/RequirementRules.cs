using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>One spec.instances.requirements entry: a Karpenter node selector requirement limited to Auto Mode labels.</summary>
internal static partial class RequirementRules
{
    public static void Check(ValidationRun run, string at, RequirementSpec? requirement)
    {
        if (requirement is null)
        {
            run.Add(at, "is null; give key and operator");
            return;
        }

        LabelKey(run, Field(at, "key"), requirement.Key);
        var op = requirement.Operator;
        if (op is null)
        {
            run.Add(Field(at, "operator"), "is required; use In, NotIn, Exists, DoesNotExist, Gt or Lt");
        }
        else
        {
            run.Enum(Field(at, "operator"), op, "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");
        }

        var values = requirement.Values;
        var valuesPath = Field(at, "values");
        run.Strings(valuesPath, values, 100, unique: false, (vAt, v) =>
        {
            if (!LabelKeySyntax.IsValidValue(v))
            {
                run.Add(vAt, $"{Q(v)} is not a valid label value: at most 63 characters [A-Za-z0-9._-], starting and ending alphanumeric");
            }
        });
        var count = values?.Count ?? 0;
        if (op is "In" or "NotIn" && count == 0)
        {
            run.Add(valuesPath, $"operator {op} needs at least one value; add values");
        }

        if (op is "Exists" or "DoesNotExist" && count > 0)
        {
            run.Add(valuesPath, $"operator {op} takes no values; remove values");
        }

        if (op is "Gt" or "Lt" && !(count == 1 && values![0] is { } single && NonNegativeInteger().IsMatch(single)))
        {
            run.Add(valuesPath, $"operator {op} needs exactly one non-negative integer value, e.g. values: [\"4\"]");
        }

        if (requirement.MinValues is { } minValues)
        {
            if (minValues is < 1 or > 50)
            {
                run.Add(Field(at, "minValues"), $"{minValues} is outside 1-50; pick a value in range");
            }

            if (op != "In" || count < minValues)
            {
                run.Add(Field(at, "minValues"), $"minValues {minValues} needs operator In with at least that many values; add values or lower minValues");
            }
        }

        if (requirement.Key is AutoModeLabels.Os or AutoModeLabels.BetaOs
            && !(op == "In" && values is not null && values.All(v => v == "linux")))
        {
            run.Add(valuesPath, $"EKS Auto Mode runs Linux nodes only; use operator In with values [linux] for {requirement.Key}, or drop the requirement");
        }
    }

    private static void LabelKey(ValidationRun run, string keyPath, string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            run.Add(keyPath, "is required; give an Auto Mode label key such as eks.amazonaws.com/instance-family");
            return;
        }

        if (!LabelKeySyntax.IsValidKey(key))
        {
            run.Add(keyPath, $"{Q(key)} is not a valid label key; use an optional DNS-subdomain prefix and '/', then 1-63 characters [A-Za-z0-9._-]");
        }

        foreach (var problem in AutoModeLabels.RequirementKeyProblems(key))
        {
            run.Add(keyPath, $"{Q(key)}: {problem}");
        }
    }

    [GeneratedRegex(@"^[0-9]{1,18}\z")]
    private static partial Regex NonNegativeInteger();
}
