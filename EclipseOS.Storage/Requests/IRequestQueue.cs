namespace EclipseOS.Storage.Requests
{
    /// <summary>
    /// A device's queue of block requests as <see cref="QueuedTransfer"/> drives it: post one
    /// request, tell the device about what was posted, hand back completions. What every queue
    /// of this kind does with a large transfer — cut it into requests, keep the queue full, tell
    /// the device once per batch, stop posting after the first error but wait for what is in
    /// flight — is then written once, the way Linux's blk-mq gives every driver the same request
    /// and completion machinery and leaves the driver <c>queue_rq</c> and its completion.
    /// Called through an interface, not delegates: in IL2CPU's code an exception thrown through
    /// a delegate never reaches the caller (EOS010). It extends <see cref="IBlockDevice"/> rather
    /// than repeating its <c>Name</c> and <c>BlockSize</c>: under IL2CPU a call through an
    /// interface whose member a class method also implements for another interface can hang
    /// (the sample kernel did, in interface dispatch; <c>InterfaceMapTests</c> guards it).
    /// </summary>
    public interface IRequestQueue : IBlockDevice
    {
        /// <summary>Most blocks one request moves.</summary>
        int MaxRequestBlocks { get; }

        /// <summary>
        /// Posts a read (or, with <paramref name="write"/>, a write) of <paramref name="blockCount"/>
        /// blocks at <paramref name="lba"/> through <paramref name="buffer"/> from
        /// <paramref name="offset"/>, without telling the device yet (<see cref="Kick"/>). The
        /// buffer belongs to the device until the request is finished. Returns the request's tag,
        /// or −1 when the queue has no room now.
        /// </summary>
        int TrySubmit(bool write, ulong lba, int blockCount, byte[] buffer, int offset);

        /// <summary>Tells the device about every request posted since the last kick.</summary>
        void Kick();

        /// <summary>Takes a request that has completed, without waiting: its tag, or false when none has.</summary>
        bool TryTakeCompletion(out int tag);

        /// <summary>
        /// Waits, no longer than the device's timeout, until a request completes, and returns its
        /// tag. A device that recovers from a timeout completes the requests it gave up as failed;
        /// one that cannot throws a <see cref="BlockDeviceException"/>, and nothing it held is in
        /// flight any more.
        /// </summary>
        int WaitForCompletion();

        /// <summary>Ends the completed request <paramref name="tag"/>, freeing it; throws a <see cref="BlockDeviceException"/> naming the device and block when it failed.</summary>
        void Finish(int tag);
    }
}
