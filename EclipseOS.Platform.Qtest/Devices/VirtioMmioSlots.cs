using System.Collections.Generic;
using EclipseOS.Hal;

namespace EclipseOS.Platform.Qtest.Devices
{
    /// <summary>
    /// The virtio-mmio transport windows of QEMU's <c>microvm</c> (hw/i386/microvm.c): 512-byte
    /// windows from 0xFEB00000. With one I/O APIC (how the platform starts microvm) and ACPI on,
    /// QEMU creates 8 of them wired to GSI 16 + slot. Slots are found by their "virt" magic, so
    /// the count is what QEMU built, not an assumption.
    /// </summary>
    public static class VirtioMmioSlots
    {
        /// <summary>Physical address of slot 0.</summary>
        public const ulong Base = 0xFEB00000;
        /// <summary>Distance between slots and size of each window.</summary>
        public const uint Stride = 512;
        /// <summary>GSI of slot 0 (QEMU: <c>virtio_irq_base</c> = 16 when ACPI is on and there is no second I/O APIC).</summary>
        public const int FirstInterruptLine = 16;
        /// <summary>"virt" in little-endian: the MagicValue register at offset 0 (virtio 1.2 §4.2.2).</summary>
        public const uint Magic = 0x74726976;
        /// <summary>Upper bound on slots probed (QEMU has at most 24).</summary>
        private const int MaxSlots = 24;

        /// <summary>Every transport window present, empty ones included (device ID 0 at +8 means no device behind it).</summary>
        public static List<PlatformDevice> Probe(IPhysicalMemory memory)
        {
            var found = new List<PlatformDevice>();
            for (int slot = 0; slot < MaxSlots; slot++)
            {
                ulong address = Base + (ulong)slot * Stride;
                if (memory.Read32(address) != Magic) break;
                found.Add(new PlatformDevice(PlatformDevice.VirtioMmio, address, Stride, FirstInterruptLine + slot));
            }
            return found;
        }
    }
}
