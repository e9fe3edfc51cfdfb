package io.sluice.connect.runtime.isolation;

import java.util.ArrayList;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins a worker knows, by kind, looked up by fully qualified class name or by alias.
 *
 * <p>Aliases, as in Kafka Connect: a plugin's simple class name ({@code FileStreamSourceConnector}) and that name
 * without its kind's suffix ({@code FileStreamSource}; "Converter", "Transformation"... for the other kinds). An
 * alias two different classes would share is dropped, so it can never pick one of them at random. When the same
 * class name is found in several locations the highest version wins and the others are logged.
 *
 * <p>Immutable after construction; safe from any thread.
 */
final class PluginRegistry {

    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);

    private static final int MAX_SUGGESTIONS = 5;

    /** Per kind: class name -> the chosen descriptor. */
    private final Map<PluginType, Map<String, PluginDesc>> byClassName = new EnumMap<>(PluginType.class);
    /** Per kind: alias -> class name, ambiguous aliases removed. */
    private final Map<PluginType, Map<String, String>> aliases = new EnumMap<>(PluginType.class);

    PluginRegistry(List<PluginDesc> found) {
        for (PluginType type : PluginType.values()) {
            byClassName.put(type, new TreeMap<>());
            aliases.put(type, new HashMap<>());
        }
        for (PluginDesc desc : found) {
            byClassName.get(desc.type()).merge(desc.className(), desc, PluginRegistry::preferNewer);
        }
        for (PluginType type : PluginType.values()) {
            Map<String, String> typeAliases = aliases.get(type);
            Set<String> ambiguous = new HashSet<>();
            for (String className : byClassName.get(type).keySet()) {
                for (String alias : aliasesOf(className, type)) {
                    String previous = typeAliases.putIfAbsent(alias, className);
                    if (previous != null && !previous.equals(className)) {
                        ambiguous.add(alias);
                    }
                }
            }
            ambiguous.forEach(typeAliases::remove);
        }
    }

    /** The plugin of one of {@code types} named {@code classOrAlias}, if known. */
    Optional<PluginDesc> find(String classOrAlias, Set<PluginType> types) {
        for (PluginType type : types) {
            PluginDesc desc = byClassName.get(type).get(classOrAlias);
            if (desc == null) {
                String className = aliases.get(type).get(classOrAlias);
                desc = className == null ? null : byClassName.get(type).get(className);
            }
            if (desc != null) {
                return Optional.of(desc);
            }
        }
        return Optional.empty();
    }

    /** All plugins of the given kinds, ordered by kind then class name. */
    List<PluginDesc> all(Set<PluginType> types) {
        List<PluginDesc> result = new ArrayList<>();
        for (PluginType type : PluginType.values()) {
            if (types.contains(type)) {
                result.addAll(byClassName.get(type).values());
            }
        }
        return result;
    }

    /**
     * Known class names of the given kinds close to {@code requested}: compared (ignoring case and package) with each
     * plugin's simple name and short alias, one contains the other or they are a few edits apart. Best matches first.
     */
    List<String> similar(String requested, Set<PluginType> types) {
        String wanted = simpleName(requested).toLowerCase(Locale.ROOT);
        int maxDistance = Math.max(2, wanted.length() / 4);
        Map<String, Integer> scored = new LinkedHashMap<>();
        for (PluginDesc desc : all(types)) {
            for (String alias : aliasesOf(desc.className(), desc.type())) {
                String candidate = alias.toLowerCase(Locale.ROOT);
                int distance = editDistance(wanted, candidate);
                if (distance <= maxDistance || candidate.contains(wanted) || wanted.contains(candidate)) {
                    scored.merge(desc.className(), distance, Math::min);
                }
            }
        }
        return scored.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_SUGGESTIONS).map(Map.Entry::getKey).toList();
    }

    private static PluginDesc preferNewer(PluginDesc kept, PluginDesc other) {
        PluginDesc newer = VersionOrder.INSTANCE.compare(other.version(), kept.version()) > 0 ? other : kept;
        PluginDesc older = newer == kept ? other : kept;
        log.warn("{} is in both {} ({}) and {} ({}); using version {} from {}", kept.className(), kept.location(),
                kept.version(), other.location(), other.version(), newer.version(), newer.location());
        log.debug("Ignoring {} from {}", older.className(), older.location());
        return newer;
    }

    private static List<String> aliasesOf(String className, PluginType type) {
        String simple = simpleName(className);
        String suffix = type.aliasSuffix();
        if (simple.endsWith(suffix) && simple.length() > suffix.length()) {
            return List.of(simple, simple.substring(0, simple.length() - suffix.length()));
        }
        return List.of(simple);
    }

    /** The part after the last '.', keeping a nested class's "Outer$Inner" as it is written in configs. */
    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * Orders version strings by their dot/dash separated parts, numerically where both parts are numbers
     * ("4.10.0" after "4.9.1"); {@value PluginDesc#UNDEFINED_VERSION} sorts before everything.
     */
    enum VersionOrder implements Comparator<String> {
        INSTANCE;

        @Override
        public int compare(String a, String b) {
            if (a.equals(b)) {
                return 0;
            }
            if (a.equals(PluginDesc.UNDEFINED_VERSION) || b.equals(PluginDesc.UNDEFINED_VERSION)) {
                return a.equals(PluginDesc.UNDEFINED_VERSION) ? -1 : 1;
            }
            String[] left = a.split("[.\\-]");
            String[] right = b.split("[.\\-]");
            for (int i = 0; i < Math.min(left.length, right.length); i++) {
                int order = comparePart(left[i], right[i]);
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(left.length, right.length);
        }

        private static int comparePart(String x, String y) {
            boolean numeric = x.chars().allMatch(Character::isDigit) && y.chars().allMatch(Character::isDigit)
                    && !x.isEmpty() && !y.isEmpty();
            return numeric ? new BigInteger(x).compareTo(new BigInteger(y)) : x.compareTo(y);
        }
    }
}
