package io.sluice.streams.kstream.internals;

/**
 * What a table operator forwards: a key's new value and, when downstream needs it (aggregations with a subtractor,
 * joins), its old value. {@code newValue == null} is a deletion.
 */
public record Change<V>(V newValue, V oldValue) {
    @Override
    public String toString() {
        return "(" + newValue + "<-" + oldValue + ")";
    }
}
