package io.sluice.streams.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.InputChunked;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.io.OutputChunked;
import com.esotericsoftware.kryo.util.ObjectMap;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Kryo serializer for Java records that keeps stored bytes readable after components are added, removed or
 * reordered.
 *
 * <p>Kryo's own {@code RecordSerializer} writes component values by position with no names, so a record that gains
 * or loses a component misreads old bytes. This one follows the idea of {@code CompatibleFieldSerializer}, keyed by
 * component name:
 *
 * <pre>
 *  first time this record class appears in a payload:
 *    varint componentCount, then componentCount names (Kryo strings), in declaration order
 *  every occurrence:
 *    for each component, in the order of the names: one chunk holding Kryo class-and-object of the value,
 *    closed by Kryo's chunk terminator (OutputChunked)
 * </pre>
 *
 * <p>On read, a stored component the class no longer has is skipped by chunk, without decoding it (its class may
 * be gone too). A component the bytes lack gets its type's default: {@code null}, {@code 0} or {@code false}.
 * A component whose stored value no longer fits its type fails with a {@link KryoException} naming it.
 * The record is built through its canonical constructor, so compact-constructor validation still runs.
 *
 * <p>Threading: like every Kryo serializer, one instance belongs to one {@link Kryo} and is used by one thread at a
 * time. The names header is tracked in Kryo's per-payload graph context.
 */
final class CompatibleRecordSerializer<T> extends Serializer<T> {

    private static final int CHUNK_SIZE = 1024;
    /** A canonical constructor takes at most 255 parameters, so a larger count means corrupt bytes. */
    private static final int MAX_COMPONENTS = 255;

    private final Class<T> type;
    private final String[] names;
    private final Method[] accessors;
    private final Class<?>[] boxedTypes;
    private final Class<?>[] declaredTypes;
    private final Map<String, Integer> indexByName;
    private final Constructor<T> canonical;

    CompatibleRecordSerializer(Class<T> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException("not a record: " + type.getName());
        }
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        int count = components.length;
        this.names = new String[count];
        this.accessors = new Method[count];
        this.boxedTypes = new Class<?>[count];
        this.declaredTypes = new Class<?>[count];
        this.indexByName = new HashMap<>();
        for (int i = 0; i < count; i++) {
            names[i] = components[i].getName();
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
            declaredTypes[i] = components[i].getType();
            boxedTypes[i] = box(declaredTypes[i]);
            indexByName.put(names[i], i);
        }
        try {
            this.canonical = type.getDeclaredConstructor(declaredTypes);
            this.canonical.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new KryoException("record " + type.getName() + " has no canonical constructor", e);
        }
        setAcceptsNull(false);
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, T record) {
        ObjectMap<Object, Object> context = graphContext(kryo);
        if (!context.containsKey(this)) {
            context.put(this, null);
            output.writeVarInt(names.length, true);
            for (String name : names) {
                output.writeString(name);
            }
        }
        OutputChunked chunked = new OutputChunked(output, CHUNK_SIZE);
        for (int i = 0; i < names.length; i++) {
            kryo.writeClassAndObject(chunked, componentValue(record, i));
            chunked.endChunk();
        }
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> ignored) {
        ObjectMap<Object, Object> context = graphContext(kryo);
        int[] storedToCurrent = (int[]) context.get(this);
        if (storedToCurrent == null) {
            storedToCurrent = readNames(input);
            context.put(this, storedToCurrent);
        }
        Object[] args = new Object[names.length];
        boolean[] present = new boolean[names.length];
        InputChunked chunked = new InputChunked(input, CHUNK_SIZE);
        for (int current : storedToCurrent) {
            if (current >= 0) {
                Object value = kryo.readClassAndObject(chunked);
                if (value != null && !boxedTypes[current].isInstance(value)) {
                    throw new KryoException("record " + type.getName() + " component '" + names[current]
                            + "' was stored as " + value.getClass().getName() + " but is now " + declaredTypes[current].getName());
                }
                args[current] = value;
                present[current] = true;
            }
            // A component this class no longer has is skipped whole, without decoding it.
            chunked.nextChunk();
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null && declaredTypes[i].isPrimitive()) {
                args[i] = primitiveDefault(declaredTypes[i]);
            }
        }
        try {
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new KryoException("constructor of record " + type.getName() + " rejected the stored values: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new KryoException("cannot construct record " + type.getName(), e);
        }
    }

    private int[] readNames(Input input) {
        int count = input.readVarInt(true);
        if (count < 0 || count > MAX_COMPONENTS) {
            throw new KryoException("record " + type.getName() + " header claims " + count + " components");
        }
        int[] storedToCurrent = new int[count];
        for (int i = 0; i < count; i++) {
            Integer current = indexByName.get(input.readString());
            storedToCurrent[i] = current == null ? -1 : current;
        }
        return storedToCurrent;
    }

    private Object componentValue(T record, int index) {
        try {
            return accessors[index].invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new KryoException("cannot read component '" + names[index] + "' of record " + type.getName(), e);
        }
    }

    @SuppressWarnings("unchecked") // Kryo's graph context is a raw ObjectMap.
    private static ObjectMap<Object, Object> graphContext(Kryo kryo) {
        return kryo.getGraphContext();
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        } else if (type == long.class) {
            return Long.class;
        } else if (type == double.class) {
            return Double.class;
        } else if (type == boolean.class) {
            return Boolean.class;
        } else if (type == float.class) {
            return Float.class;
        } else if (type == short.class) {
            return Short.class;
        } else if (type == byte.class) {
            return Byte.class;
        } else {
            return Character.class;
        }
    }

    private static Object primitiveDefault(Class<?> type) {
        if (type == boolean.class) {
            return false;
        } else if (type == char.class) {
            return '\0';
        } else if (type == long.class) {
            return 0L;
        } else if (type == double.class) {
            return 0d;
        } else if (type == float.class) {
            return 0f;
        } else if (type == short.class) {
            return (short) 0;
        } else if (type == byte.class) {
            return (byte) 0;
        }
        return 0;
    }
}
