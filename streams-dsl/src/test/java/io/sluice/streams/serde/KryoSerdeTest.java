package io.sluice.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class KryoSerdeTest {

    enum Status { NEW, PAID { @Override public String toString() { return "paid!"; } }, SHIPPED }

    record Line(String sku, int qty, double price) {
    }

    record Order(String id, Status status, List<Line> lines, Map<String, Set<Line>> bySku, Instant at) {
    }

    record Point(int x, int y) {
    }

    record Tagged(List<String> tags) {
    }

    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value must be positive, got " + value);
            }
        }
    }

    /** A plain class without a no-arg constructor, with a transient field. */
    static final class Customer {
        private final String name;
        private final List<String> emails;
        private transient String cachedDisplayName;

        Customer(String name, List<String> emails) {
            this.name = name;
            this.emails = emails;
            this.cachedDisplayName = "cached " + name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Customer c && c.name.equals(name) && c.emails.equals(emails);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    static final class Link {
        Link next;
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("orders", serde.serializer().serialize("orders", value));
    }

    private static Order sampleOrder() {
        Line a = new Line("a", 1, 9.5);
        Line b = new Line("b", 2, 0.25);
        return new Order("o-1", Status.PAID, List.of(a, b),
                new TreeMap<>(Map.of("a", Set.of(a), "b", Set.of(b))), Instant.ofEpochSecond(1_700_000_000L, 5));
    }

    @Test
    void recordWithEnumsAndNestedCollectionsOfRecordsRoundTrips() {
        Order order = sampleOrder();

        assertThat(roundTrip(new KryoSerde<>(Order.class), order)).isEqualTo(order);
    }

    @Test
    void mutableAndImmutableCollectionsRoundTrip() {
        Line line = new Line("x", 1, 1);
        List<Line> mutable = new ArrayList<>(List.of(line, line));
        Order order = new Order("o", Status.NEW, mutable, new HashMap<>(Map.of("x", Set.of(line))), null);

        Order back = roundTrip(new KryoSerde<>(Order.class), order);

        assertThat(back).isEqualTo(order);
        assertThat(back.lines()).isInstanceOf(ArrayList.class);
    }

    @Test
    void plainClassWithoutNoArgConstructorRoundTripsAndSkipsTransientFields() {
        Customer back = roundTrip(new KryoSerde<>(Customer.class), new Customer("ann", List.of("a@x", "b@x")));

        assertThat(back).isEqualTo(new Customer("ann", List.of("a@x", "b@x")));
        assertThat(back.cachedDisplayName).isNull();
    }

    @Test
    void enumConstantsRoundTripIncludingConstantsWithBodies() {
        KryoSerde<Status> serde = new KryoSerde<>(Status.class);

        assertThat(Arrays.stream(Status.values()).map(s -> roundTrip(serde, s))).containsExactly(Status.values());
    }

    @Test
    void serdeOfAnInterfaceRoundTripsItsImplementations() {
        @SuppressWarnings("unchecked")
        Serde<Map<String, List<Integer>>> serde = (Serde<Map<String, List<Integer>>>) (Serde<?>) new KryoSerde<>(Map.class);
        Map<String, List<Integer>> value = new HashMap<>(Map.of("k", List.of(1, 2, 3)));

        assertThat(roundTrip(serde, value)).isEqualTo(value).isInstanceOf(HashMap.class);
    }

    @Test
    void nullValueIsANullPayloadBothWays() {
        KryoSerde<Order> serde = new KryoSerde<>(Order.class);

        assertThat(serde.serializer().serialize("orders", null)).isNull();
        assertThat(serde.deserializer().deserialize("orders", null)).isNull();
    }

    @Test
    void nullComponentsAndFieldsRoundTrip() {
        Order order = new Order(null, null, null, null, null);

        assertThat(roundTrip(new KryoSerde<>(Order.class), order)).isEqualTo(order);
    }

    @Test
    void everyPayloadStartsWithFormatVersionOne() {
        byte[] bytes = new KryoSerde<>(Point.class).serializer().serialize("t", new Point(1, 2));

        assertThat(bytes[0]).isEqualTo(KryoPayloadDescriptor.FORMAT_V1);
        assertThat(bytes[1]).isEqualTo(KryoPayloadDescriptor.ROOT_DECLARED_TYPE);
    }

    @Test
    void formatVersionOneBytesStayTheSame() {
        // A change detector: if this fails, stored data written by earlier builds may no longer read.
        // Change the format only with a new version byte, and keep reading version 1.
        byte[] bytes = new KryoSerde<>(Tagged.class).serializer().serialize("t", new Tagged(new ArrayList<>(List.of("a", "b"))));

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(GOLDEN_TAGGED_V1);
    }

    private static final String GOLDEN_TAGGED_V1 = "010001746167f308428303008261826200";

    @Test
    void classNamesOfCommonJdkCollectionsAreWrittenAsIdsNotNames() {
        byte[] bytes = new KryoSerde<>(Tagged.class).serializer().serialize("t", new Tagged(new ArrayList<>(List.of("a"))));

        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("ArrayList");
    }

    @Test
    void manyThreadsShareOneSerdeThroughThePool() throws Exception {
        KryoSerde<Order> serde = new KryoSerde<>(Order.class, 2);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int ok = 0;
                    for (int i = 0; i < 500; i++) {
                        Order order = new Order(thread + "-" + i, Status.values()[i % 3],
                                List.of(new Line("s" + i, i, i / 2.0)), Map.of(), Instant.ofEpochMilli(i));
                        if (roundTrip(serde, order).equals(order)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void truncatedBytesFailWithTheClassTopicAndLength() {
        KryoSerde<Order> serde = new KryoSerde<>(Order.class);
        byte[] bytes = serde.serializer().serialize("orders", sampleOrder());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> serde.deserializer().deserialize("orders", truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining(truncated.length + " bytes")
                .hasMessageContaining("'orders'")
                .hasCauseInstanceOf(RuntimeException.class);
    }

    @Test
    void unknownFormatVersionIsRejectedByNumber() {
        KryoSerde<Point> serde = new KryoSerde<>(Point.class);
        byte[] bytes = serde.serializer().serialize("t", new Point(1, 2));
        bytes[0] = 7;

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown format version 7");
    }

    @Test
    void bytesFromAnotherSerdeAreRejectedNotMisread() {
        byte[] stringBytes = Serdes.String().serializer().serialize("t", "hello");

        assertThatThrownBy(() -> new KryoSerde<>(Point.class).deserializer().deserialize("t", stringBytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Point.class.getName())
                .hasMessageContaining("5 bytes");
    }

    @Test
    void trailingBytesAfterTheValueAreRejected() {
        KryoSerde<Point> serde = new KryoSerde<>(Point.class);
        byte[] bytes = serde.serializer().serialize("t", new Point(1, 2));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", longer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes left over");
    }

    @Test
    void emptyBytesAreRejectedNotReadAsNull() {
        assertThatThrownBy(() -> new KryoSerde<>(Point.class).deserializer().deserialize("t", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("0 bytes");
    }

    @Test
    void recordValidationFailureOnReadIsASerializationException() {
        KryoSerde<Point> points = new KryoSerde<>(Point.class);
        // Same component name, a value the Positive record refuses.
        byte[] zero = new KryoSerde<>(Zero.class).serializer().serialize("t", new Zero(0));

        assertThat(roundTrip(points, new Point(3, 4))).isEqualTo(new Point(3, 4));
        assertThatThrownBy(() -> new KryoSerde<>(Positive.class).deserializer().deserialize("t", zero))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("value must be positive, got 0");
    }

    record Zero(int value) {
    }

    @Test
    void valueOfTheWrongClassIsRejectedOnWrite() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Serde<Object> raw = (Serde) new KryoSerde<>(Point.class);

        assertThatThrownBy(() -> raw.serializer().serialize("t", "not a point"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Point.class.getName())
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void cyclicGraphFailsWithSerializationExceptionOnAStreamThreadSizedStack() throws Exception {
        Link link = new Link();
        link.next = link;
        KryoSerde<Link> serde = new KryoSerde<>(Link.class);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                serde.serializer().serialize("t", link);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "one-megabyte-stack", 1 << 20);

        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(thrown.get()).isInstanceOf(SerializationException.class).hasMessageContaining(Link.class.getName());
    }

    @Test
    void primitiveClassIsRejectedWithAHint() {
        assertThatThrownBy(() -> new KryoSerde<>(int.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrapper");
    }
}
