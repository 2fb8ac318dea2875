package dev.netwright.engine.export;

import java.util.Map;

/**
 * Evaluates the size expressions block classes pass around (integers and argument names joined by {@code +},
 * {@code *} and parentheses), so that an expression is only written where it gives the size the design has.
 */
final class SizeExpressions {
    private final String text;
    private final Map<String, Integer> env;
    private int at;

    private SizeExpressions(String text, Map<String, Integer> env) {
        this.text = text.replace(" ", "");
        this.env = env;
    }

    /** The value, or null when the expression uses an unknown name or is not of that form. */
    static Integer evaluate(String expression, Map<String, Integer> env) {
        SizeExpressions e = new SizeExpressions(expression, env);
        Long v = e.sum();
        return v == null || e.at != e.text.length() || v != v.intValue() ? null : v.intValue();
    }

    private Long sum() {
        Long v = product();
        while (v != null && at < text.length() && text.charAt(at) == '+') {
            at++;
            Long next = product();
            v = next == null ? null : v + next;
        }
        return v;
    }

    private Long product() {
        Long v = factor();
        while (v != null && at < text.length() && text.charAt(at) == '*') {
            at++;
            Long next = factor();
            v = next == null ? null : v * next;
        }
        return v;
    }

    private Long factor() {
        if (at >= text.length()) {
            return null;
        }
        char c = text.charAt(at);
        if (c == '(') {
            at++;
            Long v = sum();
            if (v == null || at >= text.length() || text.charAt(at) != ')') {
                return null;
            }
            at++;
            return v;
        }
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        String token = text.substring(start, at);
        if (token.isEmpty()) {
            return null;
        }
        if (Character.isDigit(token.charAt(0))) {
            return token.chars().allMatch(Character::isDigit) && token.length() < 10 ? Long.parseLong(token) : null;
        }
        Integer v = env.get(token);
        return v == null ? null : v.longValue();
    }
}
