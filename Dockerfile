# syntax=docker/dockerfile:1
# The Migrator image: the worker and every CLI verb. Build and push (docs/deployment.md):
#   docker build -t REGISTRY/migrator:VERSION . && docker push REGISTRY/migrator:VERSION
# Without docker, `dotnet publish src/Migrator -c Release -r linux-x64 -t:PublishContainer -p:ContainerRegistry=REGISTRY
# -p:ContainerImageTag=VERSION` builds the same runtime image from the container settings in src/Migrator/Migrator.csproj.

# --- build: the .NET SDK restores and publishes the CLI (framework-dependent, for the ASP.NET Core runtime image),
# precompiled (ReadyToRun) for the image's architecture: BuildKit sets TARGETARCH (amd64, arm64), which -a accepts ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /source
# Restore first from the project files only, so a source change does not re-download packages.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Migrator/Migrator.csproj src/Migrator/
COPY src/Migrator.Core/Migrator.Core.csproj src/Migrator.Core/
COPY src/Migrator.Aws/Migrator.Aws.csproj src/Migrator.Aws/
COPY src/Migrator.Kubernetes/Migrator.Kubernetes.csproj src/Migrator.Kubernetes/
COPY src/Migrator.Storage/Migrator.Storage.csproj src/Migrator.Storage/
COPY src/Migrator.Reports/Migrator.Reports.csproj src/Migrator.Reports/
COPY src/Migrator.Sandbox/Migrator.Sandbox.csproj src/Migrator.Sandbox/
RUN dotnet restore src/Migrator/Migrator.csproj -a $TARGETARCH
COPY src/ src/
COPY templates/ templates/
COPY appsettings.json ./
RUN dotnet publish src/Migrator/Migrator.csproj -c Release --no-restore -a $TARGETARCH -o /app

# --- runtime: ASP.NET Core runtime (Kestrel serves /healthz, /readyz, /metrics), non-root, nothing else needed ---
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
COPY --from=build /app /app
# State, reports and change-sets go to the volume mounted here (deploy/base: the root filesystem is read-only).
WORKDIR /var/lib/migrator
USER 10001:10001
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
ENTRYPOINT ["/app/migrator"]
CMD ["worker", "--config", "/etc/migrator/appsettings.json"]
