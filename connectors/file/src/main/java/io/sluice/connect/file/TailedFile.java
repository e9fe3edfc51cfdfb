package io.sluice.connect.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read position in one tailed file, and the channel it reads through.
 *
 * <p>{@link #readLines} returns only complete lines (ended by {@code \n}; a {@code \r} before it is dropped) and
 * advances {@link #position()} to the byte after the last newline it consumed, so a partial last line stays unread
 * until its newline arrives. The position is a byte offset, which stays exact whatever the character set, as long as
 * it encodes {@code \n} as the single byte 0x0A (the config validates that).
 *
 * <p>Starting over: when the file is shorter than the position (truncated, or replaced by a shorter file) or the
 * path now names a different file (rotated: another file key), reading restarts at byte 0, line 0, with a warning.
 * A file that disappears is closed and read from the start if it reappears. Lines appended to a file after it was
 * rotated away and before the next read are not read.
 *
 * <p>Not thread-safe: owned by one task, used under its lock.
 */
final class TailedFile implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(TailedFile.class);
    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;
    /** A line this long means the file is not line-oriented; failing is better than buffering it without bound. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    /** One complete line, with the position and line number the file's offset takes once it is delivered. */
    record Line(String text, long endPosition, long lineNumber) {
    }

    private final Path path;
    private final Charset charset;
    private long position;
    private long lineNumber;
    private FileChannel channel;
    private Object fileKey;
    /** Allocated while the file is open only: a glob may track many closed (vanished) files. */
    private ByteBuffer buffer;

    TailedFile(Path path, Charset charset, long position, long lineNumber) {
        this.path = path;
        this.charset = charset;
        this.position = position;
        this.lineNumber = lineNumber;
    }

    Path path() {
        return path;
    }

    long position() {
        return position;
    }

    long lineNumber() {
        return lineNumber;
    }

    /** Up to {@code maxLines} complete lines after the current position; empty when there is none yet. */
    List<Line> readLines(int maxLines) {
        try {
            if (!openCurrentFile()) {
                return List.of();
            }
            if (channel.size() < position) {
                log.warn("File {} shrank to {} bytes, below the read position {} (line {}): it was truncated or "
                    + "replaced; reading it again from the start", path, channel.size(), position, lineNumber);
                restartFromBeginning();
            }
            return readCompleteLines(maxLines);
        } catch (IOException e) {
            throw new ConnectException("Cannot read " + path + " at byte " + position + " (line " + lineNumber + ")",
                e);
        }
    }

    /** Opens the channel, or reopens it when the path names another file now; false when the file is missing. */
    private boolean openCurrentFile() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (channel != null) {
                log.info("File {} disappeared at byte {} (line {}); it is read from the start if it comes back",
                    path, position, lineNumber);
                close();
                restartFromBeginning();
            }
            return false;
        }
        if (channel != null && !Objects.equals(fileKey, attributes.fileKey())) {
            log.warn("File {} was replaced by another file (rotated) at byte {} (line {}); reading the new file "
                + "from the start", path, position, lineNumber);
            close();
            restartFromBeginning();
        }
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            fileKey = attributes.fileKey();
            buffer = ByteBuffer.allocate(INITIAL_BUFFER_BYTES);
        }
        return true;
    }

    private void restartFromBeginning() {
        position = 0;
        lineNumber = 0;
    }

    private List<Line> readCompleteLines(int maxLines) throws IOException {
        List<Line> lines = new ArrayList<>();
        long bufferStart = position;
        int scanned = 0;
        buffer.clear();
        while (lines.size() < maxLines && channel.read(buffer, bufferStart + buffer.position()) > 0) {
            byte[] bytes = buffer.array();
            int lineStart = 0;
            for (int i = scanned; i < buffer.position() && lines.size() < maxLines; i++) {
                if (bytes[i] == '\n') {
                    int end = i > lineStart && bytes[i - 1] == '\r' ? i - 1 : i;
                    position = bufferStart + i + 1;
                    lineNumber++;
                    lines.add(new Line(new String(bytes, lineStart, end - lineStart, charset), position, lineNumber));
                    lineStart = i + 1;
                }
            }
            // Keep the unfinished line at the front of the buffer and read on behind it.
            buffer.flip().position(lineStart);
            buffer.compact();
            bufferStart += lineStart;
            scanned = buffer.position();
            if (!buffer.hasRemaining()) {
                growBuffer();
            }
        }
        return lines;
    }

    private void growBuffer() {
        if (buffer.capacity() >= MAX_LINE_BYTES) {
            throw new ConnectException("Line " + (lineNumber + 1) + " of " + path + " (from byte " + position
                + ") is longer than " + MAX_LINE_BYTES + " bytes; the file is not line-oriented");
        }
        ByteBuffer larger = ByteBuffer.allocate(Math.min(buffer.capacity() * 2, MAX_LINE_BYTES));
        buffer.flip();
        larger.put(buffer);
        buffer = larger;
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Cannot close {}", path, e);
        } finally {
            channel = null;
            fileKey = null;
            buffer = null;
        }
    }
}
