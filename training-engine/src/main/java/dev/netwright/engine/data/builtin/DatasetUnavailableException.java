package dev.netwright.engine.data.builtin;

import dev.netwright.engine.data.DatasetException;

/** A built-in dataset whose files are not installed; the message names the Debian package to install. */
final class DatasetUnavailableException extends DatasetException {

    private final String debianPackage;

    public DatasetUnavailableException(String datasetId, String debianPackage, String lookedIn) {
        super(datasetId, null, "the data is not installed (looked in " + lookedIn + "); install the Debian package '"
                + debianPackage + "' (apt-get install " + debianPackage + ")");
        this.debianPackage = debianPackage;
    }

    public String debianPackage() {
        return debianPackage;
    }
}
