using System.Text.Json.Nodes;

namespace Migrator.Sandbox.Conditions;

/// <summary>The role also trusts GitHub Actions for a repository: federation outside the migration.</summary>
internal sealed class GitHubActionsTrust : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.GitHubActionsTrust;

    protected override void AddStatements(EstateDraft draft, Account account, List<JsonObject> statements)
    {
        var provider = EstateDraft.GitHubProvider(account);
        statements.Add(GeneratedTrust.GitHubStatement(account.OidcProviderArn(provider), draft.Pick(GeneratedNames.Repositories)));
    }
}
