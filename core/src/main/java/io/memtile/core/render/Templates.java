package io.memtile.core.render;

import io.memtile.core.MemtileException;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * Renders the Velocity templates of the top-level {@code templates/} folder (shipped on the
 * classpath under {@code templates/}). Every text memtile emits — reports, programming CSVs,
 * SPICE netlists — goes through here, so a user can change a format without touching Java.
 */
public final class Templates {
    private static final VelocityEngine ENGINE = createEngine();

    private Templates() {}

    private static VelocityEngine createEngine() {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        p.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
        p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        // Strict mode: a misspelt $reference in a template is an error, not silently blank output.
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        VelocityEngine e = new VelocityEngine(p);
        e.init();
        return e;
    }

    /** Renders {@code templates/<name>} with the given context entries (plus $fmt). */
    public static String render(String name, Map<String, ?> context) {
        Template t;
        try {
            t = ENGINE.getTemplate("templates/" + name, "UTF-8");
        } catch (RuntimeException e) {
            throw new MemtileException("templates/" + name, null, "cannot load template: " + e.getMessage());
        }
        VelocityContext ctx = new VelocityContext();
        ctx.put("fmt", new Format());
        context.forEach(ctx::put);
        StringWriter w = new StringWriter();
        try {
            t.merge(ctx, w);
        } catch (RuntimeException e) {
            throw new MemtileException("templates/" + name, null, "render failed: " + e.getMessage());
        }
        return w.toString();
    }

    /** Locale-independent number formatting for templates (golden files must not depend on locale). */
    public static final class Format {
        /**
         * {@code String.format(Locale.ROOT, pattern, args)}, byte for byte (FormatTest), at a fraction of the cost: a tile
         * CSV formats ~50,000 numbers. String.format builds a Formatter per call, and a Formatter for any locale but
         * Locale.US looks up (and builds) DecimalFormatSymbols for its zero digit and again for every decimal
         * separator it prints; that was most of the CSV rendering time. Locale.US and Locale.ROOT have the same
         * symbols ('0', '.', ',', '-'), so a reused per-thread US Formatter prints the same characters.
         */
        public String f(String pattern, Object... args) {
            Reused r = REUSED.get();
            r.out.setLength(0);
            r.formatter.format(pattern, args);
            return r.out.toString();
        }

        /** Engineering notation with SI prefix, e.g. 2.145e-5 W -> "21.45 µW". */
        public String si(double v, String unit) { return Si.format(v, unit); }

        /** Plain, round-trippable double (for netlists and CSV). */
        public String d(double v) { return Double.toString(v); }

        public String g(double v) { return f("%.6g", v); }

        /** One thread's Formatter and its buffer (templates render on several threads at once). */
        private static final class Reused {
            final StringBuilder out = new StringBuilder(32);
            final java.util.Formatter formatter = new java.util.Formatter(out, java.util.Locale.US);
        }

        private static final ThreadLocal<Reused> REUSED = ThreadLocal.withInitial(Reused::new);
    }
}
