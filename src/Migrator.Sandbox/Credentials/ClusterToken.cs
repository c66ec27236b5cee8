namespace Migrator.Sandbox;

/// <summary>A static bearer token the Kubernetes API of one cluster accepts (written into the generated kubeconfig).</summary>
public sealed record ClusterToken(string Token, string ClusterKey, string UserName);
