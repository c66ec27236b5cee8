using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Migrator.Sandbox;

/// <summary>
/// A self-signed serving certificate for the Kubernetes API (127.0.0.1 and localhost). kubectl does not send bearer
/// tokens over plain HTTP, so a sandbox aimed at kubectl serves Kubernetes over TLS; clients trust this certificate
/// through the kubeconfig's certificate-authority-data (and DescribeCluster's certificateAuthority.data).
/// </summary>
public static class SandboxCertificate
{
    public static X509Certificate2 Create(TimeProvider time)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=sandbox-kubernetes", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = time.GetUtcNow();
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }

    /// <summary>Base64 of the certificate's PEM, the form of kubeconfig certificate-authority-data and EKS certificateAuthority.data.</summary>
    public static string AuthorityData(X509Certificate2 certificate) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n"));
}
