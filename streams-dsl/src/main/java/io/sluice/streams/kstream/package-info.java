/**
 * The Streams DSL: stream and table interfaces, the functional interfaces they take, and the parameter objects
 * ({@link io.sluice.streams.kstream.Consumed}, {@link io.sluice.streams.kstream.Produced},
 * {@link io.sluice.streams.kstream.Materialized}, windows...) named and shaped as in Kafka Streams 4.x, so a Kafka
 * Streams topology ports by changing its imports.
 *
 * <p><b>Reading parameter objects.</b> Kafka Streams hides what a parameter object holds behind internal
 * subclasses; here each parameter object has public read accessors, used by the DSL implementation in other
 * packages. Accessors of optional settings return {@code null} when the setting was not given, and the DSL then
 * applies its default (e.g. the configured default serde). Where Kafka already names a <em>static factory</em>
 * after the setting (e.g. {@code Produced.keySerde(Serde)}), the accessor is named {@code <setting>OrNull()}
 * instead ({@code Produced#keySerdeOrNull()}), so that a factory call and an accessor call never look alike;
 * {@link io.sluice.streams.kstream.Materialized} follows the same naming for its serdes, whose defaults are
 * likewise applied late.
 *
 * <p><b>Mutability.</b> As in Kafka Streams, {@code Produced}, {@code Materialized} and {@code Printed} are
 * mutable builders whose {@code withX} methods change and return {@code this}; the other parameter objects are
 * immutable and their {@code withX} methods return a copy. Parameter objects are built and read on the thread that
 * builds the topology and are not thread-safe.
 */
package io.sluice.streams.kstream;
