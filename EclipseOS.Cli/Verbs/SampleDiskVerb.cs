using System;
using System.CommandLine;
using System.IO;
using EclipseOS.Cli.Boot;
using EclipseOS.Cli.Setup;

namespace EclipseOS.Cli.Verbs
{
    /// <summary>
    /// <c>eclipse sample-disk [--output IMG]</c>: builds the sample root disk (GPT, original layout,
    /// EclipseFS from <c>rootfs/</c>) unless it is up to date. <c>boot</c> does this itself; the
    /// kernel project's F5 build step calls it so Visual Studio boots with a real virtio root disk.
    /// </summary>
    public sealed class SampleDiskVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var output = new Option<string?>("--output")
            {
                Description = "Where to write the image (default out/disks/sample.img)",
            };
            var command = new Command("sample-disk", "Build the sample root disk from rootfs/ (2 GiB sparse GPT, EclipseFS at 513 MiB) unless it is up to date");
            command.Options.Add(output);
            command.SetAction(parseResult =>
            {
                string root = RepositoryRoot.Find();
                string target = Path.GetFullPath(parseResult.GetValue(output) ?? SampleRootDisk.ImagePath(root));
                try
                {
                    SampleRootDisk.Ensure(Path.Combine(root, "rootfs"), target, out bool rebuilt);
                    Console.WriteLine((rebuilt ? "Built " : "Up to date: ") + target);
                    return 0;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    Console.Error.WriteLine("eclipse sample-disk: " + e.Message);
                    return 1;
                }
            });
            return command;
        }
    }
}
