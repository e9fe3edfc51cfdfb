package io.sluice.connect.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The files a source reads: one path, or a glob matched against absolute paths under the glob's literal prefix.
 *
 * <p>A glob {@code /data/in/*.log} is split into the base directory {@code /data/in} (the components before the
 * first one holding {@code * ? [ {}) and the matcher; a scan walks the base directory only as deep as the glob has
 * components, or without limit when it holds {@code **}. A missing base directory or file scans as empty, so a
 * source can be started before its files exist. Immutable and thread-safe.
 */
public final class FileSet {

    private final String description;
    private final Path baseDirectory;
    private final int maxDepth;
    private final PathMatcher matcher;

    private FileSet(String description, Path baseDirectory, int maxDepth, PathMatcher matcher) {
        this.description = description;
        this.baseDirectory = baseDirectory;
        this.maxDepth = maxDepth;
        this.matcher = matcher;
    }

    static FileSet single(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path parent = absolute.getParent() == null ? absolute.getRoot() : absolute.getParent();
        return new FileSet(absolute.toString(), parent, 1, absolute::equals);
    }

    static FileSet glob(String glob) {
        Path pattern = Path.of(glob).toAbsolutePath().normalize();
        Path base = pattern.getRoot();
        int literalCount = 0;
        while (literalCount < pattern.getNameCount() && !hasGlobSyntax(pattern.getName(literalCount).toString())) {
            base = base.resolve(pattern.getName(literalCount));
            literalCount++;
        }
        int depth = pattern.toString().contains("**") ? Integer.MAX_VALUE : pattern.getNameCount() - literalCount;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        return new FileSet(pattern.toString(), base, depth, matcher);
    }

    /** The regular files that currently match, as absolute paths in name order. */
    public List<Path> scan() {
        if (!Files.isDirectory(baseDirectory)) {
            return List.of();
        }
        try (Stream<Path> found = Files.find(baseDirectory, maxDepth,
                (path, attributes) -> attributes.isRegularFile() && matcher.matches(path))) {
            return found.sorted().toList();
        } catch (UncheckedIOException e) {
            return vanishedMidWalk(e.getCause());
        } catch (IOException e) {
            return vanishedMidWalk(e);
        }
    }

    /** A directory removed during the walk (rotation, cleanup) is normal: the next scan sees the new state. */
    private List<Path> vanishedMidWalk(IOException e) {
        if (e instanceof NoSuchFileException) {
            return List.of();
        }
        throw new ConnectException("Cannot list the files matching " + description, e);
    }

    @Override
    public String toString() {
        return description;
    }

    private static boolean hasGlobSyntax(String name) {
        return name.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
}
