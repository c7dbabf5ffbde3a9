package dev.hourglass.train;

/** Where the trainer reports; the CLI draws a progress bar on a terminal and log lines elsewhere. */
public interface Progress {

    /**
     * Before the first step: the step training starts at (after 1, when resumed), so that rates are
     * taken over the steps of this process ({@link StepLog#elapsedSeconds()} counts from its start).
     */
    default void onStart(long firstStep) {
    }

    void onStep(StepLog log, long totalSteps, double lastPsnr);

    void onValidation(ValidationLog log);

    void message(String text);

    Progress SILENT = new Progress() {
        @Override
        public void onStep(StepLog log, long totalSteps, double lastPsnr) {
        }

        @Override
        public void onValidation(ValidationLog log) {
        }

        @Override
        public void message(String text) {
        }
    };
}
