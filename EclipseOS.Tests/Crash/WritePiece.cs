namespace EclipseOS.Tests.Crash
{
    /// <summary>
    /// What a crash keeps or loses as one unit: a whole logged write, or — when multi-block writes
    /// may tear — one block of it. Written <c>12</c> (all of entry 12) or <c>12.3</c> (block 3 of
    /// entry 12) in crash-state descriptions.
    /// </summary>
    /// <param name="Entry">Index of the write in the <see cref="WriteLog"/>.</param>
    /// <param name="FirstBlock">First block of the piece, counted from the write's first block.</param>
    /// <param name="BlockCount">Number of blocks in the piece.</param>
    /// <param name="IsWholeWrite">Whether the piece is the entire write (then it prints as the entry alone).</param>
    public readonly record struct WritePiece(int Entry, int FirstBlock, int BlockCount, bool IsWholeWrite)
    {
        /// <summary><c>12</c> for a whole write, <c>12.3</c> for one block of it.</summary>
        public override string ToString() => IsWholeWrite ? Entry.ToString() : Entry + "." + FirstBlock;
    }
}
