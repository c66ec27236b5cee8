using System.Net;
using System.Text;
using Migrator.Aws.Configuration;
using Migrator.Aws.Iam;
using Migrator.Core.Ports;

namespace Migrator.Sandbox.Tests.Aws;

/// <summary>
/// IAM list pages are read from the network element by element: what the reader takes from a page must not depend on
/// the order of the result's elements, on elements it does not know, or on <c>member</c>s nested in a member.
/// </summary>
public sealed class IamPageReadingTests
{
    private const string Account = "111122223333";
    private const string Ns = "https://iam.amazonaws.com/doc/2010-05-08/";

    [Fact]
    public async Task A_page_is_read_whatever_the_order_of_its_elements_and_unknown_elements_are_skipped()
    {
        // Page 1: the marker and IsTruncated before the list, an unknown list of members (policies) before it too; page 2:
        // the list first, IsTruncated last. A role's own member lists (tags, attached policies) stay inside the role.
        var page1 = Answer("""
            <Marker>page-2</Marker>
            <IsTruncated>true</IsTruncated>
            <Policies><member><PolicyName>not-a-role</PolicyName></member></Policies>
            <RoleDetailList>
              <member>
                <RoleName>api</RoleName><Path>/apps/</Path><Arn>arn:aws:iam::111122223333:role/apps/api</Arn>
                <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument>
                <Tags><member><Key>team</Key><Value>payments</Value></member><member><Key>tier</Key><Value>gold</Value></member></Tags>
                <AttachedManagedPolicies><member><PolicyName>ReadOnly</PolicyName></member></AttachedManagedPolicies>
                <RoleLastUsed><LastUsedDate>2026-11-30T10:00:00Z</LastUsedDate><Region>eu-west-1</Region></RoleLastUsed>
              </member>
              <!-- a comment between members -->
              <member><RoleName>worker</RoleName><Path>/</Path><Arn>arn:aws:iam::111122223333:role/worker</Arn></member>
            </RoleDetailList>
            """);
        var page2 = Answer("""
            <RoleDetailList><member><RoleName>last</RoleName><Path>/</Path><Arn>arn:aws:iam::111122223333:role/last</Arn></member></RoleDetailList>
            <GroupDetailList/>
            <IsTruncated>false</IsTruncated>
            """);
        var iam = new StubIam(page1, page2);

        var roles = await iam.Client.ListRoleDetailsAsync(Account, CancellationToken.None);

        Assert.Equal(["api", "worker", "last"], roles.Select(r => r.Name));
        var api = roles[0];
        Assert.Equal("/apps/", api.Path);
        Assert.Equal("""{"Version":"2012-10-17"}""", api.TrustPolicy);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments", ["tier"] = "gold" }, api.Tags);
        Assert.Equal(["ReadOnly"], api.AttachedPolicies!);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), api.LastUsedAt);
        Assert.Equal("eu-west-1", api.LastUsedRegion);
        Assert.Empty(roles[1].Tags);
        // The second request carries the first page's marker, and the reader stops at the page that is not truncated.
        Assert.Equal(2, iam.Requests.Count);
        Assert.DoesNotContain("Marker=", iam.Requests[0], StringComparison.Ordinal);
        Assert.Contains("Marker=page-2", iam.Requests[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_list_an_empty_result_and_a_truncated_page_without_a_marker_end_the_listing()
    {
        Assert.Empty(await new StubIam(Answer("<RoleDetailList/><IsTruncated>false</IsTruncated>")).Client.ListRoleDetailsAsync(Account, CancellationToken.None));
        Assert.Empty(await new StubIam($"""<GetAccountAuthorizationDetailsResponse xmlns="{Ns}"><GetAccountAuthorizationDetailsResult/></GetAccountAuthorizationDetailsResponse>""")
            .Client.ListRoleDetailsAsync(Account, CancellationToken.None));
        var noMarker = new StubIam(Answer("<IsTruncated>true</IsTruncated><RoleDetailList><member><RoleName>a</RoleName></member></RoleDetailList>"));
        Assert.Equal(["a"], (await noMarker.Client.ListRoleDetailsAsync(Account, CancellationToken.None)).Select(r => r.Name));
        Assert.Single(noMarker.Requests);
    }

    [Fact]
    public async Task A_refused_page_is_an_AwsApiException_with_IAMs_code_and_message()
    {
        var denied = new StubIam(HttpStatusCode.Forbidden, $"""
            <ErrorResponse xmlns="{Ns}"><Error><Type>Sender</Type><Code>AccessDenied</Code>
            <Message>not authorized to perform iam:GetAccountAuthorizationDetails</Message></Error></ErrorResponse>
            """);

        var e = await Assert.ThrowsAsync<AwsApiException>(() => denied.Client.ListRoleDetailsAsync(Account, CancellationToken.None));

        Assert.Equal("AccessDenied", e.ErrorCode);
        Assert.Contains("iam:GetAccountAuthorizationDetails", e.Message, StringComparison.Ordinal);
    }

    private static string Answer(string resultBody) =>
        $"""<GetAccountAuthorizationDetailsResponse xmlns="{Ns}"><GetAccountAuthorizationDetailsResult>{resultBody}</GetAccountAuthorizationDetailsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetAccountAuthorizationDetailsResponse>""";

    /// <summary>An IamClient over a handler that answers the pages given, in order, and records each request's form.</summary>
    private sealed class StubIam : HttpMessageHandler, IHttpClientFactory
    {
        private readonly Queue<(HttpStatusCode Status, string Body)> _answers;

        public StubIam(params string[] pages) => _answers = new(pages.Select(p => (HttpStatusCode.OK, p)));

        public StubIam(HttpStatusCode status, string body) => _answers = new([(status, body)]);

        public List<string> Requests { get; } = [];

        public IamClient Client => new(this, new AwsEndpoints(new AwsOptions { Endpoints = { Iam = "http://iam.stub/" } }));

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            var (status, body) = _answers.Dequeue();
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
        }
    }
}
