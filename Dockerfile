# Intake images: one build stage, three runnable targets.
#
#   docker build --target api      -t intake-api .
#   docker build --target worker   -t intake-worker .
#   docker build --target migrator -t intake-migrator .
#
# (docker-compose.yml builds all three.)

# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Restore first, from the build/package metadata and project files only, so the
# restore layer is reused until one of them changes. Only src/ projects are
# restored; tests/ are not part of the images. Add a line here for every new src project.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Contracts/*.csproj               src/Contracts/
COPY src/Intake.ServiceDefaults/*.csproj  src/Intake.ServiceDefaults/
COPY src/Intake.Persistence/*.csproj      src/Intake.Persistence/
COPY src/Intake.Api/*.csproj              src/Intake.Api/
COPY src/Workers/*.csproj                 src/Workers/
COPY src/Intake.Migrator/*.csproj         src/Intake.Migrator/
COPY src/Intake.Training/*.csproj         src/Intake.Training/
RUN dotnet restore src/Intake.Api \
 && dotnet restore src/Workers \
 && dotnet restore src/Intake.Migrator

COPY src/ src/
RUN dotnet publish src/Intake.Api       -c Release --no-restore -p:UseAppHost=false -o /out/api \
 && dotnet publish src/Workers          -c Release --no-restore -p:UseAppHost=false -o /out/worker \
 && dotnet publish src/Intake.Migrator  -c Release --no-restore -p:UseAppHost=false -o /out/migrator

# ---------------------------------------------------------------------------
# Runtime base: ASP.NET Core runtime + curl for health checks, non-root user
# ---------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /app
EXPOSE 8080
# The image provides the unprivileged 'app' user; APP_UID is its numeric id.
USER $APP_UID

# ---------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------
FROM runtime AS migrator
COPY --from=build /out/migrator ./
ENTRYPOINT ["dotnet", "Intake.Migrator.dll"]

FROM runtime AS worker
COPY --from=build /out/worker ./
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://localhost:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "Intake.Workers.dll"]

# Last stage = default target of a plain `docker build .`
FROM runtime AS api
# The API's environment-only runtime settings: the same lines as src/Intake.Api/runtime.env (why
# they are set is written there; RuntimeEnvFileTests keeps the two equal).
ENV DOTNET_GCgen0size=0x4000000
COPY --from=build /out/api ./
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://localhost:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "Intake.Api.dll"]
