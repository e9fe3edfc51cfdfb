package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TestOutputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.test.TestRecord;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Foreign-key joins: orders (order id → "customer:item") joined with customers (customer id → name), through the
 * subscription and response topics.
 */
class ForeignKeyJoinTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.String(), Serdes.String());
    private static final ValueJoiner<String, String, String> JOINER = (order, customer) -> order + "/" + customer;

    private static String customerOf(String order) {
        String customer = order.substring(0, order.indexOf(':'));
        return customer.isEmpty() ? null : customer;
    }

    private static final class Fixture implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, String> orders;
        final TestInputTopic<String, String> customers;
        final TestOutputTopic<String, String> out;

        Fixture(boolean leftJoin, Materialized.StoreType storeType) {
            StreamsBuilder builder = new StreamsBuilder();
            KTable<String, String> orderTable = builder.table("orders", STRINGS);
            KTable<String, String> customerTable = builder.table("customers", STRINGS);
            Materialized<String, String, KeyValueStore<Bytes, byte[]>> materialized =
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("enriched")
                    .withValueSerde(Serdes.String()).withStoreType(storeType);
            KTable<String, String> joined = leftJoin
                ? orderTable.leftJoin(customerTable, ForeignKeyJoinTest::customerOf, JOINER, materialized)
                : orderTable.join(customerTable, ForeignKeyJoinTest::customerOf, JOINER, materialized);
            joined.toStream().to("out", Produced.with(Serdes.String(), Serdes.String()));
            driver = new TopologyTestDriver(builder.build());
            orders = driver.createInputTopic("orders", new StringSerializer(), new StringSerializer());
            customers = driver.createInputTopic("customers", new StringSerializer(), new StringSerializer());
            out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
        }

        List<TestRecord<String, String>> output() {
            return out.readRecordsToList();
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    private static TestRecord<String, String> record(String key, String value, long timestamp) {
        return new TestRecord<>(key, value, null, timestamp);
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void innerJoinFollowsForeignKeyChangesAndRightSideUpdates(Materialized.StoreType storeType) {
        try (Fixture f = new Fixture(false, storeType)) {
            f.orders.pipeInput("o1", "c1:book", 10);     // no customer c1 yet: nothing
            f.customers.pipeInput("c1", "Ann", 20);      // update on the right reaches the subscribed order
            f.customers.pipeInput("c2", "Bob", 5);
            f.orders.pipeInput("o2", "c1:pen", 15);      // joins at once: max(15, 20)
            f.orders.pipeInput("o1", "c2:book", 30);     // foreign key moves to c2
            f.customers.pipeInput("c1", "Annie", 40);    // only o2 still points at c1
            f.orders.pipeInput("o1", "c3:book", 50);     // moves to a missing customer: the old result is retracted
            f.customers.pipeInput("c1", null, 60);       // customer deleted: o2's result is deleted
            f.orders.pipeInput("o2", null, 70);          // order deleted, had no result: nothing to delete
            assertThat(f.output()).containsExactly(
                record("o1", "c1:book/Ann", 20),
                record("o2", "c1:pen/Ann", 20),
                record("o1", "c2:book/Bob", 30),
                record("o2", "c1:pen/Annie", 40),
                record("o1", null, 50),
                record("o2", null, 60));
            KeyValueStore<String, ValueAndTimestamp<String>> store = f.driver.getTimestampedKeyValueStore("enriched");
            assertThat(store.get("o1")).isNull();
            assertThat(f.driver.producedTopicNames())
                .anyMatch(topic -> topic.matches("topology-test-driver-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-\\d+"
                    + "-topic"))
                .anyMatch(topic -> topic.matches("topology-test-driver-KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-\\d+"
                    + "-topic"));
        }
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void leftJoinKeepsEveryOrderAndJoinsNullForAMissingCustomer(Materialized.StoreType storeType) {
        try (Fixture f = new Fixture(true, storeType)) {
            f.orders.pipeInput("o1", "c1:book", 10);
            f.customers.pipeInput("c1", "Ann", 20);
            f.orders.pipeInput("o1", ":book", 30);       // no foreign key: joins with nothing
            f.orders.pipeInput("o1", "c1:lamp", 40);
            f.customers.pipeInput("c1", null, 50);       // customer deleted: back to joiner(order, null)
            f.orders.pipeInput("o1", null, 60);          // order deleted: tombstone
            assertThat(f.output()).containsExactly(
                record("o1", "c1:book/null", 10),
                record("o1", "c1:book/Ann", 20),
                record("o1", ":book/null", 30),
                record("o1", "c1:lamp/Ann", 40),
                record("o1", "c1:lamp/null", 50),
                record("o1", null, 60));
            assertThat(f.driver.getKeyValueStore("enriched").get("o1")).isNull();
        }
    }

    @Test
    void aValueUpdateWithTheSameForeignKeyRejoinsWithTheCurrentRightValue() {
        try (Fixture f = new Fixture(false, Materialized.StoreType.IN_MEMORY)) {
            f.customers.pipeInput("c1", "Ann", 1);
            f.orders.pipeInput("o1", "c1:book", 2);
            f.orders.pipeInput("o1", "c1:books", 3);
            f.orders.pipeInput("o9", "c9:none", 4);      // inner join, same foreign key, no match: nothing
            assertThat(f.output()).containsExactly(record("o1", "c1:book/Ann", 2), record("o1", "c1:books/Ann", 3));
        }
    }

    @Test
    void aNamedJoinNamesItsTopicsAndSubscriptionStoreAfterTableJoined() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> orders = builder.table("orders", STRINGS);
        KTable<String, String> customers = builder.table("customers", STRINGS);
        orders.join(customers, (orderId, order) -> customerOf(order), JOINER, TableJoined.as("order-customer"))
            .toStream().to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            driver.createInputTopic("customers", new StringSerializer(), new StringSerializer())
                .pipeInput("c1", "Ann", 1);
            driver.createInputTopic("orders", new StringSerializer(), new StringSerializer())
                .pipeInput("o1", "c1:book", 2);
            assertThat(driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer())
                .readKeyValuesToMap()).isEqualTo(Map.of("o1", "c1:book/Ann"));
            assertThat(driver.producedTopicNames()).contains(
                "topology-test-driver-order-customer-subscription-registration-topic",
                "topology-test-driver-order-customer-subscription-response-topic");
            assertThat(driver.getStateStore("order-customer-subscription-store")).isNotNull();
        }
    }
}
