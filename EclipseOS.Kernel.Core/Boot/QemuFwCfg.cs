using EclipseOS.Hal;

namespace EclipseOS.Kernel.Core.Boot
{
    /// <summary>
    /// QEMU's firmware configuration device (fw_cfg) on its x86 I/O ports: how a harness hands
    /// the kernel its boot options (<c>-fw_cfg name=opt/eclipse-os/boot,string=…</c>) without a
    /// boot-loader command line. Register layout and items from QEMU's docs/specs/fw_cfg.rst,
    /// "Selector (Control) Register", "Data Register" and "File Directory". On a machine
    /// without fw_cfg the signature check fails and <see cref="Open"/> returns null.
    /// </summary>
    public sealed class QemuFwCfg
    {
        /// <summary>Selector register: a 16-bit write picks the item and rewinds its data.</summary>
        public const ushort SelectorPort = 0x510;
        /// <summary>Data register: each 8-bit read returns the item's next byte.</summary>
        public const ushort DataPort = 0x511;

        private const ushort KeySignature = 0x0000;   // "QEMU"
        private const ushort KeyFileDirectory = 0x0019;
        private const int FileEntryBytes = 64;         // size (4, BE), select (2, BE), reserved (2), name (56)
        private const int FileNameBytes = 56;
        /// <summary>Bound on the directory walk: QEMU has a few dozen files, a floating bus would claim billions.</summary>
        private const uint MaxFiles = 4096;

        private readonly IPortIO _ports;

        private QemuFwCfg(IPortIO ports)
        {
            _ports = ports;
        }

        /// <summary>The device on <paramref name="ports"/> when its signature reads "QEMU", else null.</summary>
        public static QemuFwCfg? Open(IPortIO ports)
        {
            var device = new QemuFwCfg(ports);
            device.Select(KeySignature);
            return device.Next() == 'Q' && device.Next() == 'E' && device.Next() == 'M' && device.Next() == 'U' ? device : null;
        }

        /// <summary>The contents of the file called <paramref name="name"/> (e.g. <c>opt/eclipse-os/boot</c>), or null when there is none.</summary>
        public byte[]? ReadFile(string name)
        {
            Select(KeyFileDirectory);
            uint count = NextBigEndian32();
            if (count > MaxFiles)
                return null;
            var nameBytes = new byte[FileNameBytes];
            for (uint i = 0; i < count; i++)
            {
                uint size = NextBigEndian32();
                ushort select = (ushort)((Next() << 8) | Next());
                Next();
                Next();
                for (int b = 0; b < FileNameBytes; b++)
                    nameBytes[b] = Next();
                if (!NameIs(nameBytes, name))
                    continue;
                // Selecting the file's item ends the directory walk; its bytes follow from the start.
                Select(select);
                var contents = new byte[size];
                for (uint b = 0; b < size; b++)
                    contents[b] = Next();
                return contents;
            }
            return null;
        }

        private static bool NameIs(byte[] field, string name)
        {
            if (name.Length >= FileNameBytes)
                return false;
            for (int i = 0; i < name.Length; i++)
            {
                if (field[i] != name[i])
                    return false;
            }
            return field[name.Length] == 0;
        }

        private void Select(ushort key) => _ports.Write16(SelectorPort, key);

        private byte Next() => _ports.Read8(DataPort);

        private uint NextBigEndian32() => ((uint)Next() << 24) | ((uint)Next() << 16) | ((uint)Next() << 8) | Next();
    }
}
