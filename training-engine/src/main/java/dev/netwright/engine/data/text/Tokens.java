package dev.netwright.engine.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into tokens the same way at training and prediction: lower-cased, then words (letters with inner
 * apostrophes), numbers and single punctuation marks; or single characters with whitespace runs kept as one space.
 */
final class Tokens {
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}\\p{N}']*|\\p{N}+(?:[.,]\\p{N}+)*|[^\\s\\p{L}\\p{N}]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Tokens() {
    }

    public static List<String> split(String text, TokenLevel level) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (level == TokenLevel.CHARACTER) {
            String collapsed = SPACES.matcher(lower.strip()).replaceAll(" ");
            collapsed.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        Matcher m = WORD.matcher(lower);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
