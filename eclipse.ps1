# The one entry point on Windows (twin of ./eclipse; eclipse.cmd calls this): builds the
# `eclipse` tool when its sources changed, then runs it.
# Usage: .\eclipse.ps1 <verb> [options]    (.\eclipse.ps1 --help lists the verbs)
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$out = Join-Path $root 'out/cli'
$stamp = Join-Path $out '.built'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    [Console]::Error.WriteLine("eclipse: the .NET SDK is required (https://dot.net); 'dotnet' is not on PATH")
    exit 1
}

# Any source, project or build file newer than the last build (bin/obj/out/.git are outputs).
function Test-NewerSource([string] $folder, [datetime] $since) {
    foreach ($item in Get-ChildItem -LiteralPath $folder -Force) {
        if ($item.PSIsContainer) {
            if ($item.Name -in 'bin', 'obj', '.git' -or $item.FullName -eq (Join-Path $root 'out')) { continue }
            if (Test-NewerSource $item.FullName $since) { return $true }
        }
        elseif ($item.Extension -in '.cs', '.csproj', '.props', '.targets' -and $item.LastWriteTimeUtc -gt $since) {
            return $true
        }
    }
    return $false
}

$stale = -not (Test-Path -LiteralPath $stamp) -or (Test-NewerSource $root (Get-Item -LiteralPath $stamp -Force).LastWriteTimeUtc)
if ($stale) {
    New-Item -ItemType Directory -Force -Path $out | Out-Null
    [Console]::Error.WriteLine("eclipse: building the tool (out/cli)...")
    $log = Join-Path $out 'build.log'
    & dotnet build (Join-Path $root 'EclipseOS.Cli/EclipseOS.Cli.csproj') -c Release -o $out -nologo -v quiet -clp:ErrorsOnly *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content -LiteralPath $log | ForEach-Object { [Console]::Error.WriteLine($_) }
        [Console]::Error.WriteLine("eclipse: build failed (log above, also in out/cli/build.log)")
        exit 1
    }
    New-Item -ItemType File -Force -Path $stamp | Out-Null
}

$env:ECLIPSE_ROOT = $root
& dotnet (Join-Path $out 'eclipse.dll') @args
exit $LASTEXITCODE
