# Windows setup:  powershell -ExecutionPolicy Bypass -File .\scripts\setup-dev.ps1 [options of setup_env.py, see --help]
# A thin wrapper: finds Python (py -3.11, else py -3, else python) and runs scripts\setup_env.py, which does everything.
$setup = Join-Path $PSScriptRoot "setup_env.py"
if (Get-Command py -ErrorAction SilentlyContinue) {
    & py -3.11 -c "pass" 2>$null
    if ($LASTEXITCODE -eq 0) { & py -3.11 $setup @args } else { & py -3 $setup @args }
} elseif (Get-Command python -ErrorAction SilentlyContinue) {
    & python $setup @args
} else {
    Write-Host "Python not found: install Python 3.11 (winget install Python.Python.3.11, or python.org), then rerun."
    exit 1
}
exit $LASTEXITCODE
