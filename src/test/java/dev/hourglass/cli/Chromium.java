package dev.hourglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, for checking pages in a real browser. {@link #find} installs the
 * {@code chromium} package with apt-get when it is missing and the tests run as root (a clean CI
 * machine); otherwise it fails with the command to run.
 */
final class Chromium {

    /** What the check script found in the loaded page, plus the console lines Chromium logged. */
    record Result(List<String> errors, List<Item> items, int height, List<String> console) {
    }

    /** One {@code <img>} or top-level {@code <svg>}: its figure, rendered size, and whether a raster image decoded. */
    record Item(String tag, String figure, double width, double height, boolean loaded) {
    }

    private static final String[] FLAGS = {"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"};

    /**
     * Injected after the page's Content-Security-Policy (which then also allows inline scripts):
     * collects errors, blocked loads and console errors, and on load writes the rendered size of
     * every img and outermost svg into the DOM as JSON.
     */
    private static final String CHECK = """
            <script>
            window.__errors = [];
            window.addEventListener('error', function (e) {
              window.__errors.push('error: ' + (e.message || (e.target && (e.target.src || e.target.href || e.target.tagName)) || e.type));
            }, true);
            document.addEventListener('securitypolicyviolation', function (e) {
              window.__errors.push('blocked by the page policy: ' + e.blockedURI + ' (' + e.violatedDirective + ')');
            });
            var consoleError = console.error;
            console.error = function () { window.__errors.push('console.error: ' + Array.from(arguments).join(' ')); consoleError.apply(console, arguments); };
            window.addEventListener('load', function () {
              var items = [];
              document.querySelectorAll('img, svg').forEach(function (el) {
                if (el.tagName.toLowerCase() === 'svg' && el.parentElement && el.parentElement.closest('svg')) return;
                var r = el.getBoundingClientRect();
                var fig = el.closest('figure');
                items.push({tag: el.tagName.toLowerCase(), figure: fig ? fig.id : '', width: r.width, height: r.height,
                  loaded: el.tagName.toLowerCase() !== 'img' || (el.complete && el.naturalWidth > 0)});
              });
              var pre = document.createElement('pre');
              pre.id = 'browser-check';
              pre.textContent = JSON.stringify({errors: window.__errors, items: items, height: document.documentElement.scrollHeight});
              document.body.appendChild(pre);
            });
            </script>
            """;

    private Chromium() {
    }

    static Path find() throws IOException, InterruptedException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) return p;
        }
        Path apt = Path.of("/usr/bin/apt-get");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !Files.isExecutable(apt)) {
            throw new IllegalStateException("the browser check needs Debian's chromium: run 'apt-get install chromium' as root");
        }
        Path log = Path.of("target", "browser-check", "apt.log");
        Files.createDirectories(log.getParent());
        run(log, "apt-get", "update", "-q");
        run(log, "apt-get", "install", "-y", "-q", "chromium");
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) throw new IllegalStateException("apt-get did not install chromium; see " + log);
        return Path.of("/usr/bin/chromium");
    }

    private static void run(Path log, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 20 minutes; see " + log);
        }
        if (p.exitValue() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "); see " + log);
    }

    /** Loads a copy of {@code page} with the check script, and reads what the script wrote into the DOM. */
    static Result check(Path chromium, Path page, Path work) throws IOException, InterruptedException {
        String html = Files.readString(page);
        String policy = "content=\"default-src 'none';";
        if (!html.contains(policy)) throw new IllegalArgumentException(page + " has no Content-Security-Policy starting " + policy);
        String withCheck = html.replace(policy, "content=\"default-src 'none'; script-src 'unsafe-inline';");
        int afterPolicy = withCheck.indexOf('>', withCheck.indexOf("Content-Security-Policy")) + 1;
        withCheck = withCheck.substring(0, afterPolicy) + "\n" + CHECK + withCheck.substring(afterPolicy);
        Path copy = work.resolve(page.getFileName() + ".check.html");
        Files.writeString(copy, withCheck);
        Output o = chromium(chromium, work, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom",
                copy.toUri().toString());
        int start = o.stdout().indexOf("<pre id=\"browser-check\">");
        if (start < 0) throw new IllegalStateException("the check script wrote nothing; Chromium said:\n" + o.stderr());
        String json = o.stdout().substring(start + "<pre id=\"browser-check\">".length(), o.stdout().indexOf("</pre>", start))
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        JsonNode n = new ObjectMapper().readTree(json);
        List<String> errors = new ArrayList<>();
        n.get("errors").forEach(e -> errors.add(e.asText()));
        List<Item> items = new ArrayList<>();
        n.get("items").forEach(i -> items.add(new Item(i.get("tag").asText(), i.get("figure").asText(), i.get("width").asDouble(),
                i.get("height").asDouble(), i.get("loaded").asBoolean())));
        List<String> console = o.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList();
        return new Result(errors, items, n.get("height").asInt(), console);
    }

    /** A screenshot of the page's first {@code height} CSS pixels at {@code width} wide. */
    static void screenshot(Path chromium, Path page, Path png, int width, int height, Path work) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        Output o = chromium(chromium, work, "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), page.toUri().toString());
        if (!Files.isRegularFile(png) || Files.size(png) == 0) throw new IllegalStateException("no screenshot written; Chromium said:\n" + o.stderr());
    }

    private record Output(String stdout, String stderr) {
    }

    private static Output chromium(Path chromium, Path work, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        Path out = work.resolve("chromium.out");
        Path err = work.resolve("chromium.err");
        List<String> cmd = new ArrayList<>(List.of("nice", "-n", "15", chromium.toString()));
        cmd.addAll(List.of(FLAGS));
        cmd.add("--user-data-dir=" + profile);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 5 minutes");
        }
        Output o = new Output(Files.readString(out), Files.readString(err));
        if (p.exitValue() != 0) throw new IllegalStateException("chromium failed (exit " + p.exitValue() + "):\n" + o.stderr());
        return o;
    }
}
