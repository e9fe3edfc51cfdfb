package io.sluice.streams.kstream;

import java.util.Map;

/**
 * A stream being split into branches by {@link KStream#split()}. Each record goes to the first branch whose predicate
 * it matches, else to the default branch; without a default branch ({@link #noDefaultBranch()}) a record that matches
 * no predicate is discarded, as the topology's author asked.
 *
 * <p>The map returned when the split is finished holds one entry per branch that has neither a consumer nor a chain
 * function returning {@code null}: the key is the {@link KStream#split(Named) split's name} (empty by default)
 * followed by the branch's {@link Branched#as(String) name}, else its position counted from 1 ({@code "0"} for the
 * default branch); the value is the branch stream, or what its chain function returned.
 *
 * <p>Threading: the thread building the topology. An instance is finished by {@link #defaultBranch} or
 * {@link #noDefaultBranch}; it must not be used after that.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface BranchedKStream<K, V> {
    /** Adds a branch, named by its position, for the records matching {@code predicate}. */
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate);

    /** Adds a branch for the records matching {@code predicate}, named and chained as {@code branched} says. */
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched);

    /** Adds the default branch, for records matching no predicate, and finishes the split. */
    Map<String, KStream<K, V>> defaultBranch();

    /** Adds the default branch, named and chained as {@code branched} says, and finishes the split. */
    Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched);

    /** Finishes the split with no default branch: records matching no predicate are discarded. */
    Map<String, KStream<K, V>> noDefaultBranch();
}
