package io.memtile.core.json;

import io.memtile.core.MemtileException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * All artifacts (targets, models, programs, simulation results) go through here: JSON-B (Yasson)
 * for binding, plus a strict pre-pass over the parsed tree because JSON-B silently ignores unknown
 * keys and defaults missing numbers to zero — both are how a typo in a target file turns into a
 * wrong chip. The pre-pass rejects unknown fields, missing fields, wrong types and non-finite
 * numbers, naming the dotted field path; afterwards {@link Validatable#validate} checks ranges.
 */
public final class Json {
    /** Looked up once: jakarta.json.Json.createReader runs a ServiceLoader lookup on every call. */
    static final jakarta.json.spi.JsonProvider PROVIDER = jakarta.json.spi.JsonProvider.provider();
    /** double[] through {@link RepeatedDoubleArraySerializer}: the same text, each distinct value formatted once per array. */
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withFormatting(true)
            .withSerializers(new RepeatedDoubleArraySerializer()));

    private Json() {}

    public static Jsonb jsonb() { return JSONB; }

    public static String toJson(Object value) { return JSONB.toJson(value); }

    /**
     * SHA-256 (hex) of {@code value}'s JSON as {@link #toJson} gives it, in UTF-8, streamed into the
     * digest: a 4,000-tile program's JSON is gigabytes, and must not be held as one string to be hashed.
     */
    public static String sha256OfJson(Object value) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            try (java.io.OutputStream out = new PipedDigestStream(md)) { // digests on a second thread while JSON-B writes
                JSONB.toJson(value, out);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serialises and writes atomically (temp file + rename): a kill never leaves half a file. */
    public static void write(Path file, Object value) {
        String text;
        try {
            text = toJson(value);
        } catch (RuntimeException e) {
            // JSON has no NaN/Infinity: a non-finite number here is a diverged computation, not a crash
            Throwable c = e;
            while (c.getCause() != null) c = c.getCause();
            throw new MemtileException(file.toString(), null, "cannot serialise: " + firstLine(e.getMessage()) + " (" + firstLine(c.getMessage()) + ")");
        }
        AtomicFiles.writeString(file, text + "\n");
    }

    public static <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MemtileException(file.toString(), null, "file not found");
        } catch (IOException e) {
            throw new MemtileException(file.toString(), null, "cannot read: " + e.getMessage());
        }
        return parse(text, file.toString(), type);
    }

    /** Parses {@code text} (named {@code source} in errors) into {@code type}, strictly. */
    public static <T> T parse(String text, String source, Class<T> type) {
        JsonValue tree;
        try (JsonReader r = PROVIDER.createReader(new StringReader(text))) {
            tree = r.readValue();
        } catch (JsonParsingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNumber() + ", column " + loc.getColumnNumber();
            throw new MemtileException(source, null, "malformed JSON" + where + ": " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw new MemtileException(source, null, "malformed JSON: " + firstLine(e.getMessage()));
        }
        checkShape(tree, type, Fields.root(source), "");
        checkVersion(tree, type, source);
        T value;
        try {
            value = JSONB.fromJson(text, type);
        } catch (RuntimeException e) {
            throw new MemtileException(source, null, "cannot bind to " + type.getSimpleName() + ": " + firstLine(rootMessage(e)));
        }
        if (value instanceof Validatable v) v.validate(Fields.root(source));
        return value;
    }

    private static void checkVersion(JsonValue tree, Class<?> type, String source) {
        if (!Versioned.class.isAssignableFrom(type)) return;
        int expected;
        try {
            Field f = type.getDeclaredField("SCHEMA_VERSION");
            expected = f.getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " implements Versioned but has no static SCHEMA_VERSION", e);
        }
        int got = ((JsonObject) tree).getJsonNumber("schemaVersion").intValue();
        if (got != expected) {
            throw new MemtileException(source, "schemaVersion",
                    "is " + got + " but this memtile reads " + type.getSimpleName() + " version " + expected);
        }
    }

    private static void checkShape(JsonValue v, Type type, Fields f, String name) {
        Class<?> raw = rawClass(type);
        String here = name.isEmpty() ? "(root)" : name;
        if (v.getValueType() == JsonValue.ValueType.NULL) {
            throw f.error(here, "must not be null");
        }
        if (raw.isRecord()) {
            if (!(v instanceof JsonObject obj)) throw f.error(here, "must be a JSON object");
            Fields inner = name.isEmpty() ? f : f.sub(name);
            Set<String> known = new HashSet<>();
            for (RecordComponent rc : raw.getRecordComponents()) {
                known.add(rc.getName());
                JsonValue child = obj.get(rc.getName());
                boolean optional = rc.isAnnotationPresent(OptionalField.class);
                if (child == null || child.getValueType() == JsonValue.ValueType.NULL) {
                    if (optional) continue;
                    throw inner.error(rc.getName(), "is missing");
                }
                checkShape(child, rc.getGenericType(), inner, rc.getName());
            }
            for (String key : obj.keySet()) {
                if (!known.contains(key)) {
                    throw inner.error(key, "unknown field (expected one of " + known + ")");
                }
            }
            return;
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            if (!(v instanceof JsonNumber)) throw f.error(here, "must be a number, got " + describe(v));
            return;
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            if (!(v instanceof JsonNumber n) || !n.isIntegral()) throw f.error(here, "must be an integer, got " + describe(v));
            return;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (v.getValueType() != JsonValue.ValueType.TRUE && v.getValueType() != JsonValue.ValueType.FALSE)
                throw f.error(here, "must be true or false, got " + describe(v));
            return;
        }
        if (raw == String.class) {
            if (v.getValueType() != JsonValue.ValueType.STRING) throw f.error(here, "must be a string, got " + describe(v));
            return;
        }
        if (raw.isEnum()) {
            if (v.getValueType() != JsonValue.ValueType.STRING) throw f.error(here, "must be a string, got " + describe(v));
            String s = ((jakarta.json.JsonString) v).getString();
            for (Object c : raw.getEnumConstants()) if (((Enum<?>) c).name().equals(s)) return;
            StringBuilder opts = new StringBuilder();
            for (Object c : raw.getEnumConstants()) opts.append(opts.length() == 0 ? "" : ", ").append(((Enum<?>) c).name());
            throw f.error(here, "must be one of [" + opts + "], got \"" + s + "\"");
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            if (!(v instanceof JsonArray arr)) throw f.error(here, "must be an array, got " + describe(v));
            Type elem = elementType(type);
            for (int i = 0; i < arr.size(); i++) {
                checkShape(arr.get(i), elem, f, name + "[" + i + "]");
            }
            return;
        }
        if (Map.class.isAssignableFrom(raw)) {
            if (!(v instanceof JsonObject obj)) throw f.error(here, "must be a JSON object");
            Type valType = type instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
            for (var e : obj.entrySet()) checkShape(e.getValue(), valType, f, name + "." + e.getKey());
        }
        // Other types (Object, JsonValue...) are bound as they come.
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        if (t instanceof GenericArrayType g) return java.lang.reflect.Array.newInstance(rawClass(g.getGenericComponentType()), 0).getClass();
        return Object.class;
    }

    private static Type elementType(Type t) {
        if (t instanceof Class<?> c && c.isArray()) return c.getComponentType();
        if (t instanceof GenericArrayType g) return g.getGenericComponentType();
        if (t instanceof ParameterizedType p) return p.getActualTypeArguments()[0];
        return Object.class;
    }

    private static String describe(JsonValue v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    @SuppressWarnings("unused")
    private static boolean isStatic(Field f) { return Modifier.isStatic(f.getModifiers()); }
}
