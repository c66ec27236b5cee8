using System.Reflection;

namespace Migrator.Sandbox;

/// <summary>Finds the <see cref="IPodAdmission"/> implementation in this assembly.</summary>
public static class PodAdmission
{
    /// <summary>Admits pods unchanged: a cluster without the webhook, or pods created before their ServiceAccount was annotated.</summary>
    public static IPodAdmission None { get; } = new UnchangedPodAdmission();

    /// <summary>The one public implementation in the sandbox assembly; pods are admitted unchanged when there is none.</summary>
    public static IPodAdmission Discover()
    {
        var type = typeof(IPodAdmission).Assembly.GetTypes()
            .Where(t => typeof(IPodAdmission).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false, IsPublic: true }
                && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .FirstOrDefault();
        return type is null ? None : (IPodAdmission)Activator.CreateInstance(type)!;
    }

    /// <summary>Admits pods as they are (a cluster without the webhook).</summary>
    private sealed class UnchangedPodAdmission : IPodAdmission
    {
        public void Admit(Estate estate, Cluster cluster, Pod pod)
        {
        }
    }

    internal static IEnumerable<Type> ApiTypes(Assembly assembly) => assembly.GetTypes()
        .Where(t => typeof(ISandboxApi).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal);
}
