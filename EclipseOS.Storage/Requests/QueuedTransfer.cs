using System;

namespace EclipseOS.Storage.Requests
{
    /// <summary>
    /// A transfer of many blocks through an <see cref="IRequestQueue"/>: requests of at most
    /// <see cref="IRequestQueue.MaxRequestBlocks"/>, as many in flight as the queue takes, one
    /// kick per batch of newly posted requests, and every completion already there taken before
    /// posting again (so a batch, not a single request, refills the queue). After a failed
    /// request nothing new is posted, but what is in flight is waited for — the device still owns
    /// those buffers — and then the first error is thrown.
    /// </summary>
    public static class QueuedTransfer
    {
        /// <summary>Reads (or, with <paramref name="write"/>, writes) <paramref name="blockCount"/> blocks at <paramref name="lba"/> through <paramref name="queue"/>.</summary>
        public static void Run(IRequestQueue queue, bool write, ulong lba, int blockCount, byte[] buffer, int offset)
        {
            int perRequest = queue.MaxRequestBlocks;
            int pending = 0;
            BlockDeviceException? firstError = null;
            while ((blockCount > 0 && firstError == null) || pending > 0)
            {
                int posted = 0;
                while (firstError == null && blockCount > 0)
                {
                    int count = blockCount < perRequest ? blockCount : perRequest;
                    if (queue.TrySubmit(write, lba, count, buffer, offset) < 0)
                        break;
                    lba += (ulong)count;
                    offset += count * queue.BlockSize;
                    blockCount -= count;
                    posted++;
                }
                pending += posted;
                if (pending == 0)
                    throw new InvalidOperationException(queue.Name + ": the request queue took no request although none was in flight");
                if (posted > 0)
                    queue.Kick();
                int done = queue.WaitForCompletion();
                while (true)
                {
                    pending--;
                    try
                    {
                        queue.Finish(done);
                    }
                    catch (BlockDeviceException error)
                    {
                        if (firstError == null)
                            firstError = error;
                    }
                    if (pending == 0 || !queue.TryTakeCompletion(out done))
                        break;
                }
            }
            if (firstError != null)
                throw firstError;
        }
    }
}
