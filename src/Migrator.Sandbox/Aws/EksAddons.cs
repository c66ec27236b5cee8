using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Migrator.Sandbox.Aws;

/// <summary>
/// EKS add-ons: CreateAddon answers CREATING and the add-on turns ACTIVE after the configured delay (UpdateAddon:
/// UPDATING); UpdateAddon's podIdentityAssociations replaces the add-on-owned associations (ownerArn = the add-on).
/// </summary>
public sealed partial class EksApi
{
    private IResult ListAddons(EksCall call, string name)
    {
        var names = _sandbox.State.Read(e => FindCluster(e, call, name).Addons.Select(a => a.Name).OrderBy(n => n, StringComparer.Ordinal).ToList());
        var (page, next) = Page(names, call);
        return EksJson.Ok(new { addons = page, nextToken = next });
    }

    private IResult DescribeAddon(EksCall call, string name, string addonName) => _sandbox.State.Write(e =>
    {
        var cluster = FindCluster(e, call, name);
        var addon = cluster.FindAddon(addonName) ?? throw new EksError(404, "ResourceNotFoundException", $"No addon: {addonName} found in cluster: {name}");
        Settle(addon, call.Aws.Now);
        return EksJson.Ok(new { addon = EksJson.Addon(cluster, addon) });
    });

    private IResult CreateAddon(EksCall call, string name) => _sandbox.State.Write(e =>
    {
        var cluster = FindCluster(e, call, name);
        var addonName = call.Required("addonName");
        if (cluster.FindAddon(addonName) is not null)
        {
            throw new EksError(409, "ResourceInUseException", $"Addon {addonName} already exists.");
        }

        var addon = new Addon
        {
            Name = addonName,
            Version = call.Text("addonVersion") ?? (addonName == Addon.PodIdentityAgent ? "v1.3.4-eksbuild.1" : "v1.0.0-eksbuild.1"),
            Status = "CREATING",
            ServiceAccountRoleArn = call.Text("serviceAccountRoleArn"),
            CreatedAt = call.Aws.Now,
            ModifiedAt = call.Aws.Now,
            ActiveAt = _sandbox.Realism.AddonActiveAt(),
        };
        ReplaceOwnedAssociations(e, cluster, addon, call);
        cluster.Addons.Add(addon);
        call.Aws.Applied();
        return EksJson.Ok(new { addon = EksJson.Addon(cluster, addon) });
    });

    private IResult UpdateAddon(EksCall call, string name, string addonName) => _sandbox.State.Write(e =>
    {
        var cluster = FindCluster(e, call, name);
        var addon = cluster.FindAddon(addonName) ?? throw new EksError(404, "ResourceNotFoundException", $"No addon: {addonName} found in cluster: {name}");
        Settle(addon, call.Aws.Now);
        if (addon.Status is "CREATING" or "UPDATING" or "DELETING")
        {
            throw new EksError(409, "ResourceInUseException", $"Addon {addonName} is {addon.Status}; wait until it is ACTIVE.");
        }

        var changes = new List<object>();
        if (call.Text("addonVersion") is { } version)
        {
            addon.Version = version;
            changes.Add(new { type = "AddonVersion", value = version });
        }

        if (call.Text("serviceAccountRoleArn") is { } saRole)
        {
            addon.ServiceAccountRoleArn = saRole.Length == 0 ? null : saRole;
            changes.Add(new { type = "ServiceAccountRoleArn", value = saRole });
        }

        if (ReplaceOwnedAssociations(e, cluster, addon, call))
        {
            changes.Add(new { type = "PodIdentityAssociations", value = string.Join(",", addon.PodIdentityAssociations) });
        }

        addon.Status = "UPDATING";
        addon.ModifiedAt = call.Aws.Now;
        addon.ActiveAt = _sandbox.Realism.AddonActiveAt();
        call.Aws.Applied();
        return EksJson.Ok(new
        {
            update = new
            {
                id = StableId.Uuid($"update/{cluster.Key}/{addon.Name}/{call.Aws.Now.UtcTicks}/{Interlocked.Increment(ref _associationsCreated)}"),
                status = "InProgress",
                type = "AddonUpdate",
                @params = changes,
                createdAt = EksJson.Epoch(call.Aws.Now),
                errors = Array.Empty<object>(),
            },
        });
    });

    /// <summary>Applies podIdentityAssociations from the body, if present. Returns whether the body had them.</summary>
    private bool ReplaceOwnedAssociations(Estate estate, Cluster cluster, Addon addon, EksCall call)
    {
        if (call.Body is not { ValueKind: JsonValueKind.Object } body || !body.TryGetProperty("podIdentityAssociations", out var list)
            || list.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var wanted = list.EnumerateArray().Select(item => (
            ServiceAccount: item.TryGetProperty("serviceAccount", out var s) ? s.GetString() ?? "" : "",
            RoleArn: item.TryGetProperty("roleArn", out var r) ? r.GetString() ?? "" : "")).ToList();
        var ownerArn = addon.ArnIn(cluster);
        foreach (var (serviceAccount, roleArn) in wanted)
        {
            if (serviceAccount.Length == 0)
            {
                throw new EksError(400, "InvalidParameterException", "podIdentityAssociations[].serviceAccount is required.");
            }

            CheckRoles(estate, cluster, roleArn, null);
            var ns = AddonNamespace(cluster, serviceAccount);
            if (cluster.FindAssociation(ns, serviceAccount) is { } existing && existing.OwnerArn != ownerArn)
            {
                throw new EksError(409, "ResourceInUseException", $"Association already exists for {ns}/{serviceAccount} and is not owned by the add-on {addon.Name}.");
            }
        }

        cluster.PodIdentityAssociations.RemoveAll(a => a.OwnerArn == ownerArn && !wanted.Any(w => w.ServiceAccount == a.ServiceAccount));
        foreach (var (serviceAccount, roleArn) in wanted)
        {
            var ns = AddonNamespace(cluster, serviceAccount);
            if (cluster.FindAssociation(ns, serviceAccount) is { } owned)
            {
                owned.RoleArn = roleArn;
                owned.ModifiedAt = call.Aws.Now;
            }
            else
            {
                NewAssociation(cluster, ns, serviceAccount, roleArn, null, false, ownerArn, call.Aws.Now);
            }
        }

        addon.PodIdentityAssociations = cluster.PodIdentityAssociations.Where(a => a.OwnerArn == ownerArn).Select(a => a.ArnIn(cluster)).ToList();
        return true;
    }

    /// <summary>Add-ons run in kube-system unless the cluster has their ServiceAccount only elsewhere.</summary>
    private static string AddonNamespace(Cluster cluster, string serviceAccount)
    {
        var namespaces = cluster.ServiceAccounts.Where(s => s.Name == serviceAccount).Select(s => s.Namespace).ToList();
        return namespaces.Count == 0 || namespaces.Contains("kube-system") ? "kube-system" : namespaces[0];
    }

    private static void Settle(Addon addon, DateTimeOffset now)
    {
        if (addon.Status is "CREATING" or "UPDATING" && (addon.ActiveAt is null || addon.ActiveAt <= now))
        {
            addon.Status = "ACTIVE";
            addon.ActiveAt = null;
        }
    }
}
