package dev.netwright.frontend.designer.io;

import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.format.FormatError;
import dev.netwright.designer.model.Design;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;

/** Reads an uploaded design file, turning every format problem into a sentence the user can act on. */
public final class DesignImport {
    static final int MAX_BYTES = 5 * 1024 * 1024;

    private final DesignJson json;

    public DesignImport(DesignJson json) {
        this.json = json;
    }

    /** The outcome of an upload: a design, or the reasons it was refused. */
    public record Outcome(Design design, List<String> errors) {
        public boolean ok() {
            return design != null;
        }
    }

    public Outcome read(String fileName, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return new Outcome(null, List.of(fileName + " is larger than 5 MB; a design file is usually a few KB"));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Outcome(null, List.of(fileName + " is not a text file; export a design as JSON and upload that"));
        }
        try {
            return new Outcome(json.read(text), List.of());
        } catch (DesignFormatException e) {
            return new Outcome(null, e.errors().stream().map(DesignImport::describe).toList());
        }
    }

    private static String describe(FormatError e) {
        return ("$".equals(e.path()) ? "" : e.path() + ": ") + e.reason();
    }
}
