package dev.hourglass.cli;

/** Exit codes of every verb; documented in the README. */
final class ExitCodes {
    static final int OK = 0;
    /** A check ran and found a problem (verify, gradcheck). */
    static final int CHECK_FAILED = 1;
    /** Wrong options or arguments (picocli's usage errors). */
    static final int USAGE = 2;
    /** Bad input: an impossible spec, a malformed file, an impossible layer. */
    static final int BAD_INPUT = 3;
    /** libtorch or the machine could not do it (no CUDA, a native error). */
    static final int BACKEND = 4;
    /** A compressed file that is corrupt, truncated or not ours. */
    static final int CORRUPT_FILE = 5;
    /** An output cannot be written: no such folder, permission denied, disk full, read-only, standard output closed (sysexits EX_IOERR). */
    static final int IO = 74;
    /** A bug in hourglass. */
    static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
