namespace AutoMode.Operator.Tests.Hardening;

/// <summary>One (apiGroup, resource[/subresource], verb) permission, as RBAC rules grant it and requests need it.</summary>
internal sealed record RbacRule(string ApiGroup, string Resource, string Verb)
{
    public override string ToString() => $"{(ApiGroup.Length == 0 ? "core" : ApiGroup)} {Resource} {Verb}";
}
