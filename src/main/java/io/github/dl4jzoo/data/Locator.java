package io.github.dl4jzoo.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where to look for a full dataset, in order: the folder given on the command line
 * ({@code dirFlag}, holding the files themselves); {@code $DL4JZOO_DATA/NAME}; the cache
 * {@code ~/.dl4j-zoo/data/NAME}; the folders a system package installs (Debian's
 * {@code /usr/share/datasets/fashion-mnist}); then a download into the cache from
 * {@code baseUrls} (empty = offline), or from the dataset's own hosts when absent.
 */
public record Locator(
        Optional<Path> dirFlag,
        Optional<Path> dataHome,
        Path cacheRoot,
        boolean systemDirs,
        Optional<List<URI>> baseUrls,
        Downloader downloader) {
    public static final String DATA_HOME_ENV = "DL4JZOO_DATA";
    /** The command-line flag that sets {@link #dirFlag}, as messages name it. */
    public static final String DIR_FLAG = "--data";

    /** The real machine's places: environment, home folder, system folders, canonical hosts. */
    public static Locator defaults(Optional<Path> dirFlag) {
        return new Locator(
                dirFlag,
                Optional.ofNullable(System.getenv(DATA_HOME_ENV))
                        .filter(s -> !s.isBlank())
                        .map(Path::of),
                Path.of(System.getProperty("user.home"), ".dl4j-zoo", "data"),
                true,
                Optional.empty(),
                Downloader.standard());
    }

    /** The same places, but never a download. */
    public Locator offline() {
        return new Locator(dirFlag, dataHome, cacheRoot, systemDirs, Optional.of(List.of()), downloader);
    }

    /** The base URLs to download {@code dataset} from. */
    List<URI> urlsFor(KnownDataset dataset) {
        return baseUrls.orElse(dataset.baseUrls());
    }

    public Path cacheDir(String id) {
        return cacheRoot.resolve(id);
    }
}
