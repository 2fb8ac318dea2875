package dev.netwright.engine.data.tabular;

import dev.netwright.engine.data.DatasetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds where a file stops being UTF-8, so the error names the line and byte a user can look at (a Latin-1 or
 * Windows-1252 export is the usual cause), instead of the reader's bare "malformed input".
 */
public final class Utf8Problem {
    private Utf8Problem() {
    }

    /** The first invalid byte sequence of {@code file} as an error; {@code cause} is the reader's exception. */
    public static DatasetException locate(Path file, Exception cause) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long consumed = 0; // bytes before in's start
        int line = 1;
        try (InputStream stream = Files.newInputStream(file)) {
            boolean end = false;
            while (true) {
                int n = end ? -1 : stream.read(in.array(), in.position(), in.remaining());
                if (n < 0) {
                    end = true;
                } else {
                    in.position(in.position() + n);
                }
                in.flip();
                int start = in.position();
                CoderResult r = decoder.decode(in, out, end);
                for (int i = start; i < in.position(); i++) {
                    line += in.get(i) == '\n' ? 1 : 0;
                }
                if (r.isError()) {
                    long offset = consumed + in.position();
                    return new DatasetException(file.toString(), "line " + line + ", byte offset " + offset,
                            String.format("is not UTF-8 text (byte 0x%02X cannot start or continue a UTF-8 "
                                    + "character); save the file as UTF-8 and upload it again",
                                    in.get(in.position()) & 0xFF), cause);
                }
                consumed += in.position();
                in.compact();
                out.clear();
                if (end && r.isUnderflow()) {
                    break;
                }
            }
        } catch (IOException e) {
            // fall through to the general message
        }
        return new DatasetException(file.toString(), null, "is not UTF-8 text; save it as UTF-8", cause);
    }
}
