namespace Migrator.Core.Assessment;

/// <summary>
/// A container image pattern (.NET regex) that identifies an AWS SDK too old for the container credential provider.
/// When the pattern has a named group "version", the image is flagged only if that version is below MinimumVersion;
/// without the group any match is flagged. Minimum versions: DOMAIN.md "pod-id-minimum-sdk".
/// </summary>
public sealed class OldSdkImagePattern
{
    public string Pattern { get; set; } = "";
    public string Sdk { get; set; } = "";
    public string MinimumVersion { get; set; } = "";
}
