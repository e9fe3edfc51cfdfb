package io.sluice.streams.serde;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Byte layout of a {@link KryoSerde} payload. Everything a future reader needs to recognise old bytes lives here.
 *
 * <pre>
 *   0                   1                   2
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 ...
 *  +---------------+---------------+-------------------------------
 *  | format version| root encoding | Kryo bytes of the root value ...
 *  +---------------+---------------+-------------------------------
 * </pre>
 *
 * <ul>
 *   <li><b>format version</b>: {@link #FORMAT_V1}. A reader rejects versions it does not know, naming the version,
 *       so the layout below can change later without old readers misreading new bytes.</li>
 *   <li><b>root encoding</b>: {@link #ROOT_DECLARED_TYPE} when the value's class is exactly the serde's class, so
 *       the class is implied and not written (renaming or moving the class keeps old bytes readable);
 *       {@link #ROOT_CLASS_TAGGED} when the value is a subtype (for example an {@code ArrayList} in a
 *       {@code KryoSerde<List>}), so Kryo writes the class first.</li>
 *   <li><b>Kryo bytes</b>: one Kryo object graph with references off (values are trees; a cycle is rejected by the
 *       depth limit). Classes of nested values are written by Kryo: an id from {@link #REGISTERED_CLASSES} when
 *       registered below, otherwise the class name once per payload and a small id after that.
 *       Plain classes use Kryo's {@code CompatibleFieldSerializer} (field names once per payload, each field value
 *       in its own length-delimited chunk); records use {@link CompatibleRecordSerializer} (the same idea keyed by
 *       component name); enums are written by constant name.</li>
 * </ul>
 *
 * <p>Null values are not encoded: a null value is a null payload (a Kafka tombstone).
 */
final class KryoPayloadDescriptor {

    static final byte FORMAT_V1 = 1;

    static final byte ROOT_DECLARED_TYPE = 0;
    static final byte ROOT_CLASS_TAGGED = 1;

    static final int HEADER_LENGTH = 2;
    static final int FORMAT_VERSION_OFFSET = 0;
    static final int ROOT_ENCODING_OFFSET = 1;

    /** Deepest nesting Kryo may reach before a value is rejected; it turns a cyclic graph into an error, not a stack overflow. */
    static final int MAX_DEPTH = 1_000;

    /** First Kryo registration id of {@link #REGISTERED_CLASSES}; Kryo's own built-ins stay below it. */
    static final int FIRST_REGISTRATION_ID = 64;

    /**
     * Common JDK classes written as a one-byte id instead of their name, in id order from
     * {@link #FIRST_REGISTRATION_ID}. <b>Part of format version 1: append only, never reorder or remove.</b>
     */
    static final List<Class<?>> REGISTERED_CLASSES = List.of(
            ArrayList.class,
            LinkedList.class,
            HashMap.class,
            LinkedHashMap.class,
            TreeMap.class,
            HashSet.class,
            LinkedHashSet.class,
            TreeSet.class,
            List.of().getClass(),
            List.of(1).getClass(),
            Set.of().getClass(),
            Set.of(1).getClass(),
            Map.of().getClass(),
            Map.of(1, 1).getClass(),
            UUID.class,
            BigDecimal.class,
            BigInteger.class,
            Instant.class,
            LocalDate.class,
            LocalTime.class,
            LocalDateTime.class,
            OffsetDateTime.class,
            ZonedDateTime.class,
            Duration.class,
            Optional.class,
            byte[].class,
            int[].class,
            long[].class,
            double[].class,
            String[].class,
            Object[].class);

    private KryoPayloadDescriptor() {
    }
}
