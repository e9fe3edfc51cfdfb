package io.sluice.streams.kstream.internals;

import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.kstream.Branched;
import io.sluice.streams.kstream.BranchedKStream;
import io.sluice.streams.kstream.KStream;
import io.sluice.streams.kstream.Predicate;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a split: one splitter processor under the source stream and, per branch, a pass-through child the branch
 * stream hangs from. The splitter sends each record to the child of the first matching predicate, else to the
 * default child when there is one.
 *
 * <p>Threading: the thread building the topology. The splitter's processors read the branch list when the topology
 * is built into tasks, after the split is finished, so branches added later are seen by every processor.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class BranchedKStreamImpl<K, V> implements BranchedKStream<K, V> {
    private static final String DEFAULT_BRANCH_POSITION = "0";

    private final KStreamImpl<K, V> source;
    private final String splitterName;
    private final String mapKeyPrefix;
    private final List<Predicate<? super K, ? super V>> predicates = new ArrayList<>();
    private final List<String> childNames = new ArrayList<>();
    private final Map<String, KStream<K, V>> result = new LinkedHashMap<>();
    private String defaultChild;
    private boolean finished;

    BranchedKStreamImpl(KStreamImpl<K, V> source, String givenName) {
        this.source = source;
        this.splitterName = source.builder.name(givenName, "KSTREAM-BRANCH-");
        this.mapKeyPrefix = givenName != null ? givenName : "";
        source.addProcessor(splitterName, new Splitter());
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return addPredicateBranch(predicate, null);
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched) {
        Objects.requireNonNull(predicate, "predicate");
        return addPredicateBranch(predicate, Objects.requireNonNull(branched, "branched"));
    }

    private BranchedKStream<K, V> addPredicateBranch(Predicate<? super K, ? super V> predicate,
                                                     Branched<K, V> branched) {
        String child = addBranch(branched, Integer.toString(predicates.size() + 1));
        predicates.add(predicate);
        childNames.add(child);
        return this;
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch() {
        defaultChild = addBranch(null, DEFAULT_BRANCH_POSITION);
        return noDefaultBranch();
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched) {
        Objects.requireNonNull(branched, "branched");
        defaultChild = addBranch(branched, DEFAULT_BRANCH_POSITION);
        return noDefaultBranch();
    }

    @Override
    public Map<String, KStream<K, V>> noDefaultBranch() {
        checkNotFinished();
        finished = true;
        return result;
    }

    /**
     * Adds the branch's pass-through node, applies its chain and records its map entry; returns the node name.
     * {@code branched} is {@code null} for a branch with no name and no chain.
     */
    private String addBranch(Branched<K, V> branched, String position) {
        checkNotFinished();
        String suffix = branched != null && branched.name() != null ? branched.name() : position;
        String child = splitterName + suffix;
        source.builder.newName("KSTREAM-BRANCHCHILD-"); // keeps generated names aligned with Kafka Streams'
        source.builder.topology().addProcessor(child, passThrough(), splitterName);
        KStream<K, V> branch = new KStreamImpl<>(source.builder, child, source.keySerde, source.valueSerde,
            source.repartitionRequired);
        String mapKey = mapKeyPrefix + suffix;
        if (branched == null) {
            result.put(mapKey, branch);
        } else if (branched.chainFunction() != null) {
            KStream<K, V> chained = branched.chainFunction().apply(branch);
            if (chained != null) {
                result.put(mapKey, chained);
            }
        } else if (branched.chainConsumer() != null) {
            branched.chainConsumer().accept(branch);
        } else {
            result.put(mapKey, branch);
        }
        return child;
    }

    private void checkNotFinished() {
        if (finished) {
            throw new TopologyException("split " + splitterName + " is already finished by defaultBranch() or "
                + "noDefaultBranch(); no more branches can be added");
        }
    }

    private static <K, V> ProcessorSupplier<K, V, K, V> passThrough() {
        return () -> new ContextualProcessor<>() {
            @Override
            public void process(Record<K, V> record) {
                context().forward(record);
            }
        };
    }

    /** Routes each record to the first matching branch's node, else the default branch's, else nowhere. */
    private final class Splitter implements ProcessorSupplier<K, V, K, V> {
        @Override
        public Processor<K, V, K, V> get() {
            List<Predicate<? super K, ? super V>> branchPredicates = List.copyOf(predicates);
            List<String> branchNodes = List.copyOf(childNames);
            String defaultNode = defaultChild;
            return new ContextualProcessor<>() {
                @Override
                public void process(Record<K, V> record) {
                    for (int i = 0; i < branchPredicates.size(); i++) {
                        if (branchPredicates.get(i).test(record.key(), record.value())) {
                            context().forward(record, branchNodes.get(i));
                            return;
                        }
                    }
                    if (defaultNode != null) {
                        context().forward(record, defaultNode);
                    }
                }
            };
        }
    }
}
