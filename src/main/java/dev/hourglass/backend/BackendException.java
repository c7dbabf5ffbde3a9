package dev.hourglass.backend;

/** A libtorch call failed or the machine cannot do what was asked; the message is one clear line. */
public class BackendException extends RuntimeException {

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }

    /** libtorch messages carry a C++ backtrace after their first line; keep only that line. */
    public static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }

    /**
     * Whether a libtorch error (a plain RuntimeException from JavaCPP, or one in its causes) says that
     * memory or the device failed rather than that we called it wrongly: its first line names an
     * allocation failure, out of memory, or a CUDA/driver error.
     */
    public static boolean isResourceError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) return true;
            if (!(t instanceof RuntimeException) || t.getMessage() == null) continue;
            String first = firstLine(t).toLowerCase(java.util.Locale.ROOT);
            if (first.contains("out of memory") || first.contains("can't allocate memory") || first.contains("cannot allocate memory")
                    || first.contains("failed to allocate") || first.contains("cuda error") || first.contains("cuda driver")
                    || first.contains("no nvidia driver") || first.contains("not compiled with cuda") || first.contains("cudnn_status")
                    || first.contains("cublas_status") || first.contains("device-side assert")) {
                return true;
            }
        }
        return false;
    }
}
