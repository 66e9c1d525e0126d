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
        public String f(String pattern, Object... args) {
            return String.format(java.util.Locale.ROOT, pattern, args);
        }

        /** Engineering notation with SI prefix, e.g. 2.145e-5 W -> "21.45 µW". */
        public String si(double v, String unit) { return Si.format(v, unit); }

        /** Plain, round-trippable double (for netlists and CSV). */
        public String d(double v) { return Double.toString(v); }

        public String g(double v) { return String.format(java.util.Locale.ROOT, "%.6g", v); }
    }
}
