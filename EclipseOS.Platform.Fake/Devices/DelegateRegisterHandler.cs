using System;

namespace EclipseOS.Platform.Fake.Devices
{
    /// <summary>An <see cref="IRegisterHandler"/> made of two delegates, for small devices written inline in a test.</summary>
    public sealed class DelegateRegisterHandler : IRegisterHandler
    {
        private readonly Func<ulong, int, ulong> _read;
        private readonly Action<ulong, int, ulong> _write;

        /// <summary>
        /// Routes reads to <paramref name="read"/> (offset, size → value) and writes to
        /// <paramref name="write"/> (offset, size, value); a missing delegate reads all ones
        /// and ignores writes, like a register that is not decoded.
        /// </summary>
        public DelegateRegisterHandler(Func<ulong, int, ulong>? read, Action<ulong, int, ulong>? write)
        {
            _read = read ?? ((offset, size) => FloatingBus.Value(size));
            _write = write ?? ((offset, size, value) => { });
        }

        /// <inheritdoc />
        public ulong Read(ulong offset, int size) => _read(offset, size);

        /// <inheritdoc />
        public void Write(ulong offset, int size, ulong value) => _write(offset, size, value);
    }
}
