package dev.netwright.frontend.ui;

import com.vaadin.flow.component.upload.Upload;
import java.util.function.Consumer;

/**
 * Says why the browser refused a file (wrong type, too large, one too many) instead of leaving the upload silent:
 * the upload component drops such files before they reach the server.
 */
public final class UploadRejections {
    private UploadRejections() {
    }

    /**
     * Shows {@code "Could not use notes.txt: only ... can be used here."} through {@code show} for every file the
     * browser refuses; {@code accepted} names what is allowed, e.g. {@code "CSV or TSV tables (.csv, .tsv)"}.
     */
    public static void explain(Upload upload, String accepted, Consumer<String> show) {
        upload.addFileRejectedListener(e -> show.accept(message(e.getFileName(), e.getErrorMessage(), accepted)));
    }

    /** As {@link #explain(Upload, String, Consumer)}, shown as an error notification. */
    public static void explain(Upload upload, String accepted) {
        explain(upload, accepted, UiErrors::error);
    }

    static String message(String fileName, String browserReason, String accepted) {
        String file = fileName == null || fileName.isBlank() ? "the file" : fileName;
        String reason = browserReason == null ? "" : browserReason.strip();
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("type") || reason.isEmpty()) {
            return "Could not use " + file + ": only " + accepted + " can be used here.";
        }
        return "Could not use " + file + ": " + (reason.endsWith(".") ? reason : reason + ".") + " Accepted: "
                + accepted + ".";
    }
}
