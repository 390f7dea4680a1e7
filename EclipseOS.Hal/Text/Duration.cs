namespace EclipseOS.Hal.Text
{
    /// <summary>Timeouts as text for error messages, without signed 64-bit division (EOS002, docs/kernel.md).</summary>
    public static class Duration
    {
        /// <summary><paramref name="microseconds"/> as whole milliseconds, e.g. <c>"5000 ms"</c>; a negative span reads as 0.</summary>
        public static string Milliseconds(long microseconds)
        {
            ulong whole = SignedInt64.IsNegative(microseconds) ? 0 : (ulong)microseconds / 1000;
            return whole + " ms";
        }
    }
}
