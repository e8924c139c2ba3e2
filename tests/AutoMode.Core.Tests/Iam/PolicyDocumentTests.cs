using AutoMode.Core.Iam;

namespace AutoMode.Core.Tests.Iam;

public sealed class PolicyDocumentTests
{
    private const string Base = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"A","Effect":"Allow","Action":["ec2:RunInstances","ec2:CreateFleet"],"Resource":"*",
           "Condition":{"StringEquals":{"aws:RequestTag/k":"v"},"StringLike":{"aws:RequestTag/x":"*","aws:RequestTag/y":"*"}}},
          {"Sid":"B","Effect":"Allow","Action":"shield:TagResource","Resource":["arn:aws:shield::*:protection/*"]}]}
        """;

    public static TheoryData<string, string> EquivalentCases => new()
    {
        { "whitespace and newlines", Base.Replace("\n", "\n\n   ", StringComparison.Ordinal).Replace("\":", "\" :\n\t ", StringComparison.Ordinal).Replace(",", " ,\r\n", StringComparison.Ordinal) },
        {
            "statements reordered",
            """{"Version":"2012-10-17","Statement":[{"Sid":"B","Effect":"Allow","Action":"shield:TagResource","Resource":["arn:aws:shield::*:protection/*"]},{"Sid":"A","Effect":"Allow","Action":["ec2:RunInstances","ec2:CreateFleet"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/k":"v"},"StringLike":{"aws:RequestTag/x":"*","aws:RequestTag/y":"*"}}}]}"""
        },
        {
            "string vs array, actions reordered and duplicated",
            """{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["ec2:CreateFleet","ec2:RunInstances","ec2:CreateFleet"],"Resource":["*"],"Condition":{"StringEquals":{"aws:RequestTag/k":["v"]},"StringLike":{"aws:RequestTag/x":"*","aws:RequestTag/y":"*"}}},{"Sid":"B","Effect":"Allow","Action":["shield:TagResource"],"Resource":"arn:aws:shield::*:protection/*"}]}"""
        },
        {
            "condition operators, keys and statement fields in another order",
            """{"Statement":[{"Condition":{"StringLike":{"aws:RequestTag/y":"*","aws:RequestTag/x":"*"},"StringEquals":{"aws:RequestTag/k":"v"}},"Resource":"*","Action":["ec2:RunInstances","ec2:CreateFleet"],"Effect":"Allow","Sid":"A"},{"Resource":"arn:aws:shield::*:protection/*","Action":"shield:TagResource","Effect":"Allow","Sid":"B"}],"Version":"2012-10-17"}"""
        },
        { "URL-encoded as GetRolePolicy returns it (RFC 3986)", Uri.EscapeDataString(Base) },
        { "URL-encoded with surrounding whitespace", "  " + Uri.EscapeDataString(Base) + "\n" },
    };

    [Theory]
    [MemberData(nameof(EquivalentCases))]
    public void SameMeaning_Equivalent(string reason, string other)
    {
        Assert.True(PolicyDocument.AreEquivalent(Base, other), reason);
        Assert.True(PolicyDocument.AreEquivalent(other, Base), reason + " (symmetric)");
    }

    public static TheoryData<string, string> DifferentCases => new()
    {
        { "an action removed", Base.Replace("\"ec2:RunInstances\",", "", StringComparison.Ordinal) },
        { "effect changed", Base.Replace("\"Sid\":\"B\",\"Effect\":\"Allow\"", "\"Sid\":\"B\",\"Effect\":\"Deny\"", StringComparison.Ordinal) },
        { "StringLike turned into StringEquals", Base.Replace("\"StringLike\":{\"aws:RequestTag/x\":\"*\",\"aws:RequestTag/y\":\"*\"}", "\"StringLike\":{\"aws:RequestTag/y\":\"*\"},\"StringEquals\":{\"aws:RequestTag/x\":\"*\"}", StringComparison.Ordinal) },
        { "resource partition changed", Base.Replace("arn:aws:", "arn:aws-cn:", StringComparison.Ordinal) },
        { "a statement removed", """{"Version":"2012-10-17","Statement":[{"Sid":"B","Effect":"Allow","Action":"shield:TagResource","Resource":["arn:aws:shield::*:protection/*"]}]}""" },
        { "version changed", Base.Replace("2012-10-17", "2008-10-17", StringComparison.Ordinal) },
        { "sid changed", Base.Replace("\"Sid\":\"B\"", "\"Sid\":\"C\"", StringComparison.Ordinal) },
        { "condition value case differs", Base.Replace("\"aws:RequestTag/k\":\"v\"", "\"aws:RequestTag/k\":\"V\"", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(DifferentCases))]
    public void DifferentMeaning_NotEquivalent(string reason, string other)
    {
        Assert.False(PolicyDocument.AreEquivalent(Base, other), reason);
    }

    public static TheoryData<string, string?> GarbageCases => new()
    {
        { "null", null },
        { "empty", "" },
        { "whitespace", "   " },
        { "not JSON", "this is not a policy" },
        { "truncated JSON", "{\"Version\":\"2012-10-17\",\"Statement\":[" },
        { "a JSON array", "[1,2,3]" },
        { "a JSON string", "\"policy\"" },
        { "statement is a number", "{\"Statement\":5}" },
        { "statement items are strings", "{\"Statement\":[\"x\"]}" },
        { "broken percent-encoding", "%7B%ZZ%" },
        { "URL-encoded garbage", "%7B%22Version%22" },
        { "deeply nested", new string('[', 5000) + new string(']', 5000) },
    };

    [Theory]
    [MemberData(nameof(GarbageCases))]
    public void Garbage_NotEquivalentAndNeverThrows(string reason, string? garbage)
    {
        Assert.False(PolicyDocument.AreEquivalent(garbage, Base), reason);
        Assert.False(PolicyDocument.AreEquivalent(garbage, garbage), reason + " (even to itself)");
        Assert.False(PolicyDocument.TryParse(garbage, out _), reason);
    }

    [Fact]
    public void Parse_Garbage_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => PolicyDocument.Parse("nope"));
    }

    [Fact]
    public void SingleStatementObject_SameAsOneElementArray()
    {
        Assert.True(PolicyDocument.AreEquivalent(
            """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]}"""));
    }

    [Fact]
    public void ConditionBooleanAndString_Equivalent()
    {
        Assert.True(PolicyDocument.AreEquivalent(
            """{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false}}}]}""",
            """{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"""));
    }

    [Fact]
    public void Principals_NormalisedLikeActions()
    {
        Assert.True(PolicyDocument.AreEquivalent(
            """{"Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":["sts:TagSession","sts:AssumeRole"]}]}""",
            """{"Statement":[{"Effect":"Allow","Principal":{"Service":["eks.amazonaws.com"]},"Action":["sts:AssumeRole","sts:TagSession"]}]}"""));
    }

    [Fact]
    public void CanonicalJson_StableAndReparsesToItself()
    {
        var document = PolicyDocument.Parse(Uri.EscapeDataString(Base));
        var canonical = document.ToCanonicalJson();

        Assert.Equal(canonical, PolicyDocument.Parse(canonical).ToCanonicalJson());
        Assert.Equal(canonical, PolicyDocument.Parse(document.ToIndentedJson()).ToCanonicalJson());
        Assert.StartsWith("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":[\"ec2:CreateFleet\",\"ec2:RunInstances\"]", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void PercentInsideJsonValue_IsNotDecoded()
    {
        var document = PolicyDocument.Parse("""{"Statement":[{"Sid":"P","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/100%25"}]}""");

        Assert.Equal(["arn:aws:s3:::bucket/100%25"], document.Statements.Single().Resources);
    }
}
