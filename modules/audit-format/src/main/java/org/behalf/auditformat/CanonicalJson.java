package org.behalf.auditformat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 8785 (JSON Canonicalization Scheme): object members sorted by their names' UTF-16 code
 * units, no insignificant white space, strings with the minimal escaping of RFC 8785 section
 * 3.2.2.2, numbers as ECMAScript's {@code Number.prototype.toString} writes them.
 */
public final class CanonicalJson {

    private static final long MAX_EXACT = 1L << 53;

    private CanonicalJson() {
    }

    public static String of(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    /**
     * An object's canonical text without and with one more string member whose value is computed
     * from the text without it: an activity entry is hashed without its {@code hash} and stored
     * with it. Both texts come from one serialisation.
     */
    public record WithMember(String without, String value, String with) {
    }

    public static WithMember withMember(ObjectNode node, String name, UnaryOperator<String> value) {
        if (node.has(name)) {
            throw new IllegalArgumentException("the object already has " + name);
        }
        StringBuilder out = new StringBuilder(512);
        int insertAt = object(node, out, name);
        String without = out.toString();
        String computed = value.apply(without);
        StringBuilder member = new StringBuilder(name.length() + computed.length() + 8);
        string(name, member);
        member.append(':');
        string(computed, member);
        if (insertAt >= 0) {
            out.insert(insertAt, member.append(','));
        } else {
            out.insert(out.length() - 1, node.isEmpty() ? member : member.insert(0, ','));
        }
        return new WithMember(without, computed, out.toString());
    }

    /**
     * Writes an object, its members sorted by name (RFC 8785 section 3.2.3: String.compareTo
     * compares UTF-16 code units); answers where in {@code out} a member named {@code insertable}
     * would start, or -1 if it sorts after every member (or is null).
     */
    private static int object(JsonNode node, StringBuilder out, String insertable) {
        List<String> names = new ArrayList<>(node.size());
        node.propertyNames().forEach(names::add);
        names.sort(String::compareTo);
        int insertAt = -1;
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            if (insertable != null && insertAt < 0 && names.get(i).compareTo(insertable) > 0) {
                insertAt = out.length();
            }
            string(names.get(i), out);
            out.append(':');
            write(node.get(names.get(i)), out);
        }
        out.append('}');
        return insertAt;
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            object(node, out, null);
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isString()) {
            string(node.asString(), out);
        } else if (node.isBoolean()) {
            out.append(node.asBoolean() ? "true" : "false");
        } else if (node.isNumber()) {
            out.append(number(node));
        } else {
            throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
        }
    }

    static void string(String value, StringBuilder out) {
        out.append('"');
        // Runs of characters that need no escape are copied whole: most text has none at all.
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append(value, run, value.length()).append('"');
    }

    /** ECMAScript number serialisation (RFC 8785 section 3.2.2.3) for IEEE 754 doubles. */
    static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            // Integers up to 2^53 in magnitude are exact in a double, and ECMAScript writes them as
            // plain digits; beyond that they are written as the double they round to.
            if (node.canConvertToLong()) {
                long value = node.longValue();
                return Math.abs(value) <= MAX_EXACT && value != Long.MIN_VALUE ? Long.toString(value) : number((double) value);
            }
            return number(node.bigIntegerValue().doubleValue());
        }
        return number(node.doubleValue());
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("NaN and infinities are not JSON");
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - exact.scale();
        String sign = value < 0 ? "-" : "";
        int k = digits.length();
        if (k <= exponent && exponent <= 21) {
            return sign + digits + "0".repeat(exponent - k);
        }
        if (0 < exponent && exponent <= 21) {
            return sign + digits.substring(0, exponent) + "." + digits.substring(exponent);
        }
        if (-6 < exponent && exponent <= 0) {
            return sign + "0." + "0".repeat(-exponent) + digits;
        }
        int e = exponent - 1;
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (e < 0 ? "-" : "+") + Math.abs(e);
    }

}
