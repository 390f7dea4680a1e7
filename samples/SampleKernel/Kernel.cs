using System;
using System.IO;
using EclipseOS.Cosmos;
using EclipseOS.Cosmos.Platform;
using Sys = Cosmos.System;

namespace SampleKernel
{
    /// <summary>
    /// A Cosmos kernel using the Eclipse OS storage stack from its packages: Cosmos starts
    /// without its own disk drivers, one call starts ours and registers EclipseFS with Cosmos's
    /// VFS, and plain System.IO reads the first EclipseFS partition. Every line goes to the
    /// screen and COM1 through the storage stack's log.
    /// </summary>
    public sealed class Kernel : Sys.Kernel
    {
        protected override void OnBoot()
        {
            try
            {
                CosmosStartup.Init(GetTextScreen());
            }
            catch (Exception e)
            {
                Console.WriteLine("sample: Cosmos start-up failed: " + e.Message);
            }
        }

        protected override void BeforeRun()
        {
            EclipseStorage? storage = null;
            try
            {
                storage = EclipseStorage.Start();
                var log = storage.Platform.Log;
                if (storage.EclipseFsRoots.Count == 0)
                {
                    log.WriteLine("sample: no EclipseFS partition found");
                    return;
                }
                string root = storage.EclipseFsRoots[0];
                string motd = File.ReadAllText(root + @"etc\motd");
                int end = motd.IndexOf('\n');
                log.WriteLine("sample: " + root + "etc\\motd begins: " + (end < 0 ? motd : motd.Substring(0, end)));
                foreach (string file in Directory.GetFiles(root + "etc"))
                    log.WriteLine("sample: file " + Path.GetFileName(file));
                foreach (string directory in Directory.GetDirectories(root))
                    log.WriteLine("sample: directory " + Path.GetFileName(directory));
                log.WriteLine("sample: done");
            }
            catch (Exception e)
            {
                // An exception must not reach Cosmos's own handler: it hangs formatting it.
                string line = "sample: failed: " + e.Message;
                if (storage != null)
                    storage.Platform.Log.WriteLine(line);
                else
                    Console.WriteLine(line);
            }
        }

        protected override void Run()
        {
            Cosmos.Core.CPU.Halt();
        }
    }
}
