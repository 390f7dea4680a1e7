using System;

namespace EclipseOS.Tests.Crash
{
    /// <summary>How many crash states <see cref="CrashStates"/> makes, and from which seed.</summary>
    public sealed class CrashStateOptions
    {
        /// <summary>Seed of the random subsets and orders; the same seed gives the same states.</summary>
        public int Seed { get; init; }

        /// <summary>Random subsets tried at each crash point inside an epoch (fewer when the epoch's share of the caps runs out).</summary>
        public int SamplesPerCrashPoint { get; init; } = 4;

        /// <summary>
        /// Whether a write of several blocks may reach the medium in part: disks only promise that a
        /// single sector is written whole, so each block of such a write is kept or lost on its own.
        /// </summary>
        public bool TearMultiBlockWrites { get; init; }

        /// <summary>
        /// Epochs with at most this many pieces also get every "all but one piece" and "one piece
        /// alone" state: the cases (a commit record without its data, a lost journal block) that
        /// random subsets of a small epoch would find only by luck.
        /// </summary>
        public int EdgeCasePieceLimit { get; init; } = 16;

        /// <summary>Most reordered states one epoch may contribute.</summary>
        public int MaxStatesPerEpoch { get; init; } = 64;

        /// <summary>Most prefix states; with more writes than that, the prefixes are evenly thinned, keeping the first and the last.</summary>
        public int MaxPrefixStates { get; init; } = 1000;

        /// <summary>
        /// Most reordered states over all epochs, shared evenly among them (a share an epoch cannot
        /// use passes on to the epochs after it). Kept apart from <see cref="MaxPrefixStates"/> so a
        /// long log's prefixes cannot crowd out the reorderings.
        /// </summary>
        public int MaxReorderedStates { get; init; } = 1000;

        internal void Validate()
        {
            if (SamplesPerCrashPoint < 0) throw new ArgumentOutOfRangeException(nameof(SamplesPerCrashPoint), "must not be negative, was " + SamplesPerCrashPoint);
            if (EdgeCasePieceLimit < 0) throw new ArgumentOutOfRangeException(nameof(EdgeCasePieceLimit), "must not be negative, was " + EdgeCasePieceLimit);
            if (MaxStatesPerEpoch < 0) throw new ArgumentOutOfRangeException(nameof(MaxStatesPerEpoch), "must not be negative, was " + MaxStatesPerEpoch);
            if (MaxPrefixStates < 1) throw new ArgumentOutOfRangeException(nameof(MaxPrefixStates), "must be at least 1, was " + MaxPrefixStates);
            if (MaxReorderedStates < 0) throw new ArgumentOutOfRangeException(nameof(MaxReorderedStates), "must not be negative, was " + MaxReorderedStates);
        }
    }
}
