using EclipseOS.Hal.Text;
using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Hal.Pci;

namespace EclipseOS.Kernel.Cosmos
{
    /// <summary>
    /// The first lines the kernel logs through a platform: who is booting, on what clock, and
    /// the PCI functions the drivers will look at. The platform-neutral boot sequence
    /// (EclipseOS.Kernel.Core) runs after it.
    /// </summary>
    public static class BootBanner
    {
        /// <summary>Logs the banner and one line per PCI function to <paramref name="platform"/>'s log.</summary>
        public static void Write(IPlatform platform, string detail)
        {
            ILog log = platform.Log;
            log.WriteLine("Eclipse OS on " + platform.Name + " (" + detail + ")");
            List<PciFunction> functions = PciEnumerator.Enumerate(platform.Pci);
            log.WriteLine("[PCI] " + functions.Count + " functions");
            for (int i = 0; i < functions.Count; i++)
            {
                PciFunction function = functions[i];
                log.WriteLine("[PCI] " + function.ToString() + " class " + Hex.Lower(function.ClassCode, 2) + Hex.Lower(function.Subclass, 2) + " irq " + function.InterruptLine);
            }
        }
    }
}
