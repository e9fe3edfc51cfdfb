package io.sluice.streams.state.internals;

import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Bytes;

/** Where the segments of a {@link SegmentedBytesStore} live: RocksDB databases on disk, or in-memory maps. */
interface SegmentStorage {
    void init(StateStoreContext context);

    /** Segment start times (ms) found from an earlier run. */
    List<Long> existingSegments();

    KeyValueStore<Bytes, byte[]> openSegment(long segmentStartMs);

    /** Closes {@code segment} and frees its storage. */
    void dropSegment(KeyValueStore<Bytes, byte[]> segment, long segmentStartMs);

    boolean persistent();

    static SegmentStorage rocksDb(String storeName) {
        return new RocksDbSegments(storeName);
    }

    static SegmentStorage inMemory(String storeName) {
        return new SegmentStorage() {
            @Override
            public void init(StateStoreContext context) {
            }

            @Override
            public List<Long> existingSegments() {
                return List.of();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> openSegment(long segmentStartMs) {
                InMemoryKeyValueStore segment = new InMemoryKeyValueStore(storeName + "." + segmentStartMs);
                segment.open();
                return segment;
            }

            @Override
            public void dropSegment(KeyValueStore<Bytes, byte[]> segment, long segmentStartMs) {
                segment.close();
            }

            @Override
            public boolean persistent() {
                return false;
            }
        };
    }

    /** One RocksDB database per segment in {@code stateDir/<store>/<store>.<segment start ms>}. */
    final class RocksDbSegments implements SegmentStorage {
        private final String storeName;
        private final Pattern segmentDirName;
        private StateStoreContext context;
        private File storeDir;

        RocksDbSegments(String storeName) {
            this.storeName = storeName;
            this.segmentDirName = Pattern.compile(Pattern.quote(storeName) + "\\.(\\d+)");
        }

        @Override
        public void init(StateStoreContext context) {
            this.context = context;
            this.storeDir = new File(context.stateDir(), storeName);
        }

        @Override
        public List<Long> existingSegments() {
            List<Long> starts = new ArrayList<>();
            File[] children = storeDir.listFiles();
            if (children != null) {
                for (File child : children) {
                    Matcher matcher = segmentDirName.matcher(child.getName());
                    if (child.isDirectory() && matcher.matches()) {
                        starts.add(Long.parseLong(matcher.group(1)));
                    }
                }
            }
            return starts;
        }

        @Override
        public KeyValueStore<Bytes, byte[]> openSegment(long segmentStartMs) {
            String segmentName = storeName + "." + segmentStartMs;
            RocksDBStore segment = new RocksDBStore(segmentName);
            segment.open(new File(storeDir, segmentName), context.applicationId(), context.appConfigs());
            return segment;
        }

        @Override
        public void dropSegment(KeyValueStore<Bytes, byte[]> segment, long segmentStartMs) {
            // Every segment of this storage is a RocksDBStore it opened (openSegment).
            ((RocksDBStore) segment).closeForDeletion();
            Path dir = new File(storeDir, storeName + "." + segmentStartMs).toPath();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                throw new StoreOperationException("Cannot delete expired segment " + dir, e);
            }
        }

        @Override
        public boolean persistent() {
            return true;
        }
    }
}
