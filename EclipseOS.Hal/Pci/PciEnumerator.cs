using System.Collections.Generic;

namespace EclipseOS.Hal.Pci
{
    /// <summary>
    /// Finds every PCI function: bus 0, then the secondary bus of each PCI-to-PCI bridge
    /// found. Each bus is scanned once, so a misprogrammed bridge cannot make it loop.
    /// </summary>
    public static class PciEnumerator
    {
        /// <summary>All functions present, in bus/device/function order of discovery.</summary>
        public static List<PciFunction> Enumerate(IPciConfigSpace config)
        {
            var functions = new List<PciFunction>();
            var scanned = new bool[256];
            var pending = new List<byte> { 0 };
            while (pending.Count > 0)
            {
                byte bus = pending[0];
                pending.RemoveAt(0);
                if (scanned[bus]) continue;
                scanned[bus] = true;
                for (byte device = 0; device < 32; device++)
                    ScanDevice(config, bus, device, functions, pending);
            }
            return functions;
        }

        private static void ScanDevice(IPciConfigSpace config, byte bus, byte device, List<PciFunction> functions, List<byte> pending)
        {
            var first = new PciFunction(config, new PciAddress(bus, device, 0));
            if (first.VendorId == 0xFFFF) return;
            int functionCount = first.IsMultiFunction ? 8 : 1;
            for (byte fn = 0; fn < functionCount; fn++)
            {
                var function = fn == 0 ? first : new PciFunction(config, new PciAddress(bus, device, fn));
                if (fn != 0 && function.VendorId == 0xFFFF) continue;
                functions.Add(function);
                if (function.IsPciBridge)
                {
                    byte secondary = config.Read8(function.Address, PciRegisters.SecondaryBus);
                    if (secondary != 0) pending.Add(secondary);
                }
            }
        }
    }
}
