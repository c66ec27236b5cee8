using k8s.Models;
using Migrator.Core.Inventory;

namespace Migrator.Kubernetes.Mapping;

/// <summary>
/// Placement from the labels the Pod Identity agent DaemonSet schedules on: <c>kubernetes.io/os</c> and
/// <c>eks.amazonaws.com/compute-type</c> (fargate, hybrid, auto; absent or ec2 on EC2 nodes). DOMAIN.md "NOT supported".
/// </summary>
public static class PlacementRules
{
    public static Placement FromNodeLabels(IDictionary<string, string>? labels)
    {
        if (labels is null)
        {
            return Placement.Unknown;
        }

        var os = labels.TryGetValue(AwsCredentialEnv.OsLabel, out var o) ? o : null;
        if (os is null && labels.TryGetValue("beta.kubernetes.io/os", out var beta))
        {
            os = beta;
        }

        var pinned = FromComputeType(labels.TryGetValue(AwsCredentialEnv.ComputeTypeLabel, out var c) ? c : null);
        if (pinned is Placement.Fargate or Placement.Hybrid or Placement.AutoMode)
        {
            return pinned;
        }

        return os switch
        {
            "windows" => Placement.Windows,
            "linux" => Placement.Ec2Linux,
            _ => Placement.Unknown,
        };
    }

    /// <summary>Placement a pod template pins through its nodeSelector; Unknown when it leaves the choice to the scheduler.</summary>
    public static Placement FromTemplate(V1PodSpec? spec)
    {
        var selector = spec?.NodeSelector;
        if (selector is null)
        {
            return Placement.Unknown;
        }

        var pinned = FromComputeType(selector.TryGetValue(AwsCredentialEnv.ComputeTypeLabel, out var c) ? c : null);
        if (pinned != Placement.Unknown)
        {
            return pinned;
        }

        var os = selector.TryGetValue(AwsCredentialEnv.OsLabel, out var o) ? o
            : selector.TryGetValue("beta.kubernetes.io/os", out var b) ? b : null;
        return os == "windows" ? Placement.Windows : Placement.Unknown;
    }

    private static Placement FromComputeType(string? computeType) => computeType switch
    {
        "fargate" => Placement.Fargate,
        "hybrid" => Placement.Hybrid,
        "auto" => Placement.AutoMode,
        "ec2" => Placement.Ec2Linux,
        _ => Placement.Unknown,
    };
}
