namespace EclipseOS.Platform.Fake.Devices
{
    /// <summary>
    /// A device's register file as the fake platform sees it: an I/O port range or an MMIO
    /// window routes every access to one of these, with the offset from the range's start and
    /// the access size, so a device model decides what each register does on read and write.
    /// </summary>
    public interface IRegisterHandler
    {
        /// <summary>Reads <paramref name="size"/> bytes (1, 2, 4 or 8) at <paramref name="offset"/>; little-endian.</summary>
        ulong Read(ulong offset, int size);

        /// <summary>Writes <paramref name="size"/> bytes (1, 2, 4 or 8) of <paramref name="value"/> at <paramref name="offset"/>.</summary>
        void Write(ulong offset, int size, ulong value);
    }
}
