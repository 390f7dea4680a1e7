namespace EclipseOS.Platform.Qtest.Protocol
{
    /// <summary>One change of an interrupt line reported by QEMU (<c>IRQ raise N</c> / <c>IRQ lower N</c>).</summary>
    /// <param name="Line">Interrupt line (I/O APIC pin).</param>
    /// <param name="Raised">True for a raise, false for a lower.</param>
    public readonly record struct IrqEdge(int Line, bool Raised);
}
