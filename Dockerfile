# placeholder: filled in by the operator issue
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
