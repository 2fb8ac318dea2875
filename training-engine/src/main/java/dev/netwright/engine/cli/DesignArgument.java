package dev.netwright.engine.cli;

import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A design given on the command line: a design file, or a template id. */
final class DesignArgument {
    private DesignArgument() {
    }

    static Design read(String value) {
        Path file = Path.of(value);
        if (!Files.exists(file)) {
            return Templates.find(value).map(Template::design).orElseThrow(() -> new IllegalArgumentException(
                    "no design file '" + value + "' and no template with that id (see ./netwright templates)"));
        }
        try {
            return new DesignJson().read(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (DesignFormatException e) {
            throw new IllegalArgumentException(file + " is not a valid design: " + e.getMessage(), e);
        }
    }
}
