package dev.netwright.backend.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import dev.netwright.backend.api.FieldProblem;

/** Sign-up input rules, checked all at once so one answer lists every problem. */
final class Credentials {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{2,31}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final int MIN_PASSWORD = 10;
    // BCrypt only reads the first 72 bytes; refusing longer passwords avoids a false sense of strength.
    static final int MAX_PASSWORD_BYTES = 72;

    private Credentials() {
    }

    static List<FieldProblem> check(String username, String email, String password) {
        List<FieldProblem> problems = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            problems.add(new FieldProblem("username",
                    "3 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            problems.add(new FieldProblem("email", "must be an e-mail address such as ada@example.org"));
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            problems.add(new FieldProblem("password", "must have at least " + MIN_PASSWORD + " characters"));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            problems.add(new FieldProblem("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8"));
        }
        return problems;
    }
}
