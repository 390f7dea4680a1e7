namespace EclipseOS.Hal.Dma
{
    /// <summary>Which way data moves through a shared buffer.</summary>
    public enum DmaDirection
    {
        /// <summary>The device reads what the driver wrote (a disk write).</summary>
        DriverToDevice,

        /// <summary>The device writes what the driver then reads (a disk read).</summary>
        DeviceToDriver,

        /// <summary>Both ways.</summary>
        Both,
    }
}
