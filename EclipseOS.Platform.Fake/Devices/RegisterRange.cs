namespace EclipseOS.Platform.Fake.Devices
{
    /// <summary>A statically mapped range of ports or MMIO addresses and the handler behind it.</summary>
    public sealed class RegisterRange
    {
        /// <summary>Creates a mapping of <paramref name="length"/> addresses from <paramref name="start"/>.</summary>
        public RegisterRange(ulong start, ulong length, IRegisterHandler handler, string name)
        {
            Start = start;
            Length = length;
            Handler = handler;
            Name = name;
        }

        /// <summary>First address (port number or physical address).</summary>
        public ulong Start { get; }

        /// <summary>Number of addresses (ports or bytes).</summary>
        public ulong Length { get; }

        /// <summary>The device behind the range.</summary>
        public IRegisterHandler Handler { get; }

        /// <summary>Name used in the access trace ("ata0", "virtio-mmio@0xfeb00000" …).</summary>
        public string Name { get; }

        /// <summary>Whether <paramref name="address"/> lies in the range.</summary>
        public bool Contains(ulong address) => address >= Start && address - Start < Length;
    }
}
