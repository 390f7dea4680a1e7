@echo off
rem The one entry point on Windows (twin of ./eclipse): runs eclipse.ps1, which builds the
rem eclipse tool when its sources changed, then runs it with these arguments.
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0eclipse.ps1" %*
exit /b %ERRORLEVEL%
