package dev.hourglass.train;

/** Where the trainer reports; the CLI draws a progress bar on a terminal and log lines elsewhere. */
public interface Progress {

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
