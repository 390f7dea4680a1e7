using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using EclipseOS.Cli.Setup;

namespace EclipseOS.Cli.Guest
{
    /// <summary>
    /// Where a hung guest is: gdb connects to QEMU's gdb stub, and the kernel's frame-pointer
    /// chain (IL2CPU emits <c>push ebp; mov ebp, esp</c> in every method) is walked and each
    /// return address named from the symbols of the kernel ELF (<c>EclipseOS.Kernel.bin</c>
    /// beside the ISO). The names are IL2CPU's labels, e.g.
    /// <c>A0SystemVoidA14EclipseOSDriversVirtIOBlockVirtioBlockDeviceWaitForA0SystemInt32</c>.
    /// </summary>
    public static class GuestStackTrace
    {
        private const int MaxFrames = 40;

        /// <summary>The call chain of the CPU behind <paramref name="gdbPort"/>, innermost first, or a line saying why there is none.</summary>
        public static string Read(int gdbPort, string kernelElf)
        {
            if (ExecutableSearch.Find("gdb") == null)
                return "(install gdb to see where the guest is: apt-get install gdb)";
            if (!File.Exists(kernelElf))
                return "(no kernel symbols at " + kernelElf + ")";
            string script = Path.Combine(Path.GetTempPath(), "eclipse-stack-" + Guid.NewGuid().ToString("N") + ".gdb");
            // QEMU's x86-64 stub reports 64-bit registers even for a 32-bit guest: read them as such.
            File.WriteAllText(script, string.Join("\n",
                "set architecture i386:x86-64",
                "target remote 127.0.0.1:" + gdbPort,
                "set $f = (unsigned long)$rbp & 0xffffffff",
                "set $i = 0",
                "p/x $pc",
                "info symbol $pc",
                "while $i < " + MaxFrames + " && $f != 0",
                "  info symbol *(unsigned int*)($f + 4)",
                "  set $f = *(unsigned int*)$f",
                "  set $i = $i + 1",
                "end",
                "detach",
                ""));
            try
            {
                var frames = new List<string>();
                var all = new StringBuilder();
                string pc = "";
                ChildProcess.Run("gdb", new[] { "-q", "-batch", "-nx", "-x", script, kernelElf }, null, TimeSpan.FromSeconds(60), line =>
                {
                    all.AppendLine(line);
                    int section = line.IndexOf(" in section ", StringComparison.Ordinal);
                    if (section > 0)
                        frames.Add("  at " + line.Substring(0, section));
                    else if (pc.Length == 0 && line.StartsWith("$1 = ", StringComparison.Ordinal))
                        pc = line.Substring(5);
                });
                if (frames.Count > 0)
                    return string.Join(Environment.NewLine, frames);
                return pc.Length > 0
                    ? "  (the CPU is at " + pc + ", outside the kernel's code: firmware or the boot loader)"
                    : "  (gdb read no frames: " + all.ToString().Trim() + ")";
            }
            catch (TimeoutException)
            {
                return "(gdb did not answer within 60 s)";
            }
            finally
            {
                File.Delete(script);
            }
        }
    }
}
