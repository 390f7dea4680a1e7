using System;
using System.CommandLine;
using System.Linq;
using System.Reflection;

namespace EclipseOS.Cli
{
    /// <summary>Entry point of <c>eclipse</c>: collects every <see cref="ICliVerb"/> and runs the one asked for.</summary>
    public static class Program
    {
        /// <summary>Runs the command line; returns the process exit code.</summary>
        public static int Main(string[] args)
        {
            var root = new RootCommand("Eclipse OS developer tool: boot, test, disk images, drivers on QEMU's real devices.");
            var verbs = typeof(Program).Assembly.GetTypes()
                .Where(t => typeof(ICliVerb).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
                .Select(t => ((ICliVerb)Activator.CreateInstance(t)!).Build())
                .OrderBy(c => c.Name, StringComparer.Ordinal);
            foreach (Command verb in verbs)
                root.Subcommands.Add(verb);
            return root.Parse(args).Invoke();
        }
    }
}
