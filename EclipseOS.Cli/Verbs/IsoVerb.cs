using System;
using System.CommandLine;
using EclipseOS.Cli.Cosmos;
using EclipseOS.Cli.Setup;

namespace EclipseOS.Cli.Verbs
{
    /// <summary><c>eclipse iso</c>: builds the bootable kernel ISO where the Cosmos user kit is installed.</summary>
    public sealed class IsoVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var command = new Command("iso", "Build the bootable Eclipse OS ISO with the Cosmos user kit (IL2CPU); says what is missing where the kit is not installed");
            command.SetAction(_ =>
            {
                string? iso = KernelIso.Build(RepositoryRoot.Find(), Console.Out);
                if (iso == null)
                    return 2;
                Console.WriteLine(iso);
                return 0;
            });
            return command;
        }
    }
}
