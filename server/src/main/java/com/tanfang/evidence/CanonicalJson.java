package com.tanfang.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The canonical JSON of an evidence row's detail: object keys sorted, no whitespace, strings escaped exactly as
 * PostgreSQL's {@code to_json} and Python's {@code json.dumps(..., ensure_ascii=False)} escape them. Hand-written
 * because the hash depends on every byte and must agree with the SQL function {@code evidence_canonical_json}
 * (V5) and with a few lines of Python an auditor writes; a general JSON library's output (Jackson writes
 * {@code \u001F}, upper case) does not, and RFC 8785 libraries disagree with both on number formats we avoid anyway.
 *
 * <p>Values: strings, integers (int, long, BigInteger), booleans, null, maps with ASCII identifier keys, lists.
 * Enums are written as their name, dates and times as their ISO-8601 text. Floating-point and decimal numbers are
 * refused (write decimals as strings): their text differs between implementations.
 */
public final class CanonicalJson {
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final JsonFactory FACTORY = new JsonFactory();

    private CanonicalJson() {
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof CharSequence s) {
            string(s.toString(), sb);
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof Decimal d) {
            sb.append(d.text());
        } else if (v instanceof Enum<?> e) {
            string(e.name(), sb);
        } else if (v instanceof TemporalAccessor t) {
            string(t.toString(), sb);
        } else if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> {
                if (!(k instanceof String key) || !KEY.matcher(key).matches()) {
                    throw new IllegalArgumentException("evidence detail key must be an ASCII identifier: " + k);
                }
                sorted.put(key, x);
            });
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(e.getKey(), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object x : c) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(x, sb);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("evidence detail cannot hold a " + v.getClass().getName()
                    + " (numbers other than integers go in as strings)");
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\0' -> throw new IllegalArgumentException("evidence detail cannot hold NUL characters");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Reads JSON text (as PostgreSQL prints a jsonb) back into maps, lists, strings, BigIntegers, booleans and
     * nulls, so that {@link #write} gives its canonical form. A non-integer number is kept as its text in a
     * {@link Decimal}, written back unchanged (the application never writes one; a tampered row may).
     */
    public static Object read(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            Object v = value(p, t);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after JSON value");
            }
            return v;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /** A non-integer number read back, written as its original text. */
    public record Decimal(String text) {
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new IllegalArgumentException("empty JSON");
        }
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken()) {
                    l.add(value(p, x));
                }
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT -> new Decimal(p.getText());
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected JSON token " + t);
        };
    }
}
