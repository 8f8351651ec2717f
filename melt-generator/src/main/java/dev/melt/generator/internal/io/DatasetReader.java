package dev.melt.generator.internal.io;

import dev.melt.generator.MeltData;
import java.io.IOException;
import java.nio.file.Path;

/** Opens dataset directories; the implementation behind {@link MeltData#open(Path)}. */
public final class DatasetReader {

    private DatasetReader() {
    }

    /**
     * Opens a dataset directory.
     *
     * @param directory the directory
     * @return the dataset
     * @throws IOException when it cannot be read
     */
    public static MeltData open(Path directory) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
