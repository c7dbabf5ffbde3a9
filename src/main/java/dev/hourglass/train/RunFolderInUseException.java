package dev.hourglass.train;

/** Another training run holds the run folder (its lock file names the process). */
public class RunFolderInUseException extends RuntimeException {

    public RunFolderInUseException(String message) {
        super(message);
    }
}
