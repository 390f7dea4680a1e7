namespace EclipseOS.Platform.Fake
{
    /// <summary>One device access the driver made, in the order it made them.</summary>
    public readonly struct FakeAccess
    {
        /// <summary>Creates a record.</summary>
        public FakeAccess(long sequence, FakeAccessKind kind, ulong address, int size, ulong value, string target)
        {
            Sequence = sequence;
            Kind = kind;
            Address = address;
            Size = size;
            Value = value;
            Target = target;
        }

        /// <summary>Position in the trace, from 0.</summary>
        public long Sequence { get; }

        /// <summary>What kind of access.</summary>
        public FakeAccessKind Kind { get; }

        /// <summary>
        /// Port number, physical address, or for configuration space
        /// <c>(bus &lt;&lt; 16) | (device &lt;&lt; 11) | (function &lt;&lt; 8) | offset</c>.
        /// </summary>
        public ulong Address { get; }

        /// <summary>Access size in bytes (for string transfers: 2, the word size).</summary>
        public int Size { get; }

        /// <summary>Value read or written (for string transfers: the word count).</summary>
        public ulong Value { get; }

        /// <summary>Name of the device that decoded the access, or "" when nothing did.</summary>
        public string Target { get; }

        /// <summary>Whether this is a write of any kind.</summary>
        public bool IsWrite => Kind == FakeAccessKind.PortWrite || Kind == FakeAccessKind.PortStringWrite
            || Kind == FakeAccessKind.MmioWrite || Kind == FakeAccessKind.ConfigWrite;

        /// <summary>E.g. <c>#12 PortWrite 0x1f7/1 = 0xec (ata0)</c>.</summary>
        public override string ToString()
            => "#" + Sequence + " " + Kind + " 0x" + Address.ToString("x") + "/" + Size + " = 0x" + Value.ToString("x")
               + (Target.Length > 0 ? " (" + Target + ")" : " (unhandled)");
    }
}
