package dev.hourglass.inspect.html;

import dev.hourglass.data.GrayImage;
import dev.hourglass.inspect.InspectionReport;

/**
 * What the page shows: the report (and its Markdown, kept on the page for copy and paste), the
 * effective-field gradient map of the central latent unit (maximum 1; see
 * {@code ReceptiveFieldRenderer.gradientImage}) with the image it is drawn over, and optionally a
 * training run and a rate–distortion evaluation (null when not given).
 */
public record PageInputs(InspectionReport report, String markdown, GrayImage fieldMap, GrayImage background, String backgroundLabel,
                         TrainingRun run, RateDistortion rd) {

    public PageInputs {
        if (report == null || markdown == null || fieldMap == null || background == null || backgroundLabel == null) {
            throw new IllegalStateException("report, markdown, field map, background and its label are required");
        }
        if (fieldMap.width() != background.width() || fieldMap.height() != background.height()) {
            throw new IllegalStateException("the field map (" + fieldMap.width() + "×" + fieldMap.height() + ") and the background ("
                    + background.width() + "×" + background.height() + ") must have the same size");
        }
    }
}
