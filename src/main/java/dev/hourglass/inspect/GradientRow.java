package dev.hourglass.inspect;

/**
 * One parameter's gradient after the test backward pass.
 *
 * @param status OK, MISSING (no gradient reached it), VANISHING (max |grad| below the threshold),
 *               NAN or INF (non-finite entries; reported apart from each other and from size)
 */
public record GradientRow(String name, String shape, String status, double norm, double maxAbs, long nanCount, long infCount) {

    public boolean ok() {
        return status.equals("OK");
    }
}
