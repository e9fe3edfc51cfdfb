package io.sluice.connect.file;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each record as one UTF-8 line ({@link SinkFormat}) to a file.
 *
 * <p>Delivery: {@link #put} writes into a buffer; {@link #flush} writes the buffer out (and fsyncs when
 * {@code fsync=true}). The worker commits consumer offsets through {@link SinkTask#preCommit}, which flushes first
 * and fails, committing nothing, when the flush fails: so a committed offset always has its lines in the file. A
 * restart appends after what is there; lines written after the last commit are written again (at-least-once).
 *
 * <p>Threading: all calls come from the worker's task thread.
 */
public final class FileSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(FileSinkTask.class);

    private Path file;
    private SinkFormat format;
    private boolean fsync;
    private FileChannel channel;
    private Writer writer;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        FileSinkConfig config = new FileSinkConfig(props);
        file = config.file();
        format = config.format();
        fsync = config.fsync();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ConnectException("Cannot open " + file + " for appending", e);
        }
        writer = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 64 * 1024);
        log.info("File sink appends {} lines to {} (fsync={})", format.name().toLowerCase(Locale.ROOT),
            file, fsync);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            String line = format.line(record);
            try {
                writer.write(line);
                writer.write('\n');
            } catch (IOException e) {
                throw new ConnectException("Cannot append the record at " + record.topic() + "-"
                    + record.kafkaPartition() + "@" + record.kafkaOffset() + " to " + file, e);
            }
        }
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        try {
            writer.flush();
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new ConnectException("Cannot flush " + file + "; offsets " + currentOffsets + " stay uncommitted",
                e);
        }
    }

    @Override
    public void stop() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw new ConnectException("Cannot close " + file + "; lines after the last commit may be missing and "
                + "are delivered again on restart", e);
        } finally {
            writer = null;
            channel = null;
        }
    }
}
