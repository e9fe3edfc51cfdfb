package io.sluice.connect.runtime.standalone;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads the worker and connector files of standalone mode. A connector file is a {@code .properties} file or a
 * {@code .json} file holding either {@code {"name": ..., "config": {...}}} (the body of {@code POST /connectors}) or a
 * flat map of keys (the body of {@code PUT /connectors/{name}/config}); the connector name is the {@code name} key
 * either way. Stateless.
 */
public final class ConnectorConfigFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private ConnectorConfigFiles() {
    }

    /** @throws ConfigException naming the file when it cannot be read or parsed */
    public static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> props = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> props.put(key, properties.getProperty(key)));
        return props;
    }

    /** @throws ConfigException naming the file when it cannot be read, parsed or has no {@code name} */
    public static Map<String, String> readConnector(Path file) {
        Map<String, String> config = file.getFileName().toString().endsWith(".json")
            ? readJson(file)
            : readProperties(file);
        String name = config.get("name");
        if (name == null || name.isBlank()) {
            throw new ConfigException("Connector config " + file + " has no 'name'");
        }
        return config;
    }

    private static Map<String, String> readJson(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new ConfigException("Connector config " + file + " must be a JSON object");
            }
            if (!root.has("config")) {
                return JSON.convertValue(root, STRING_MAP);
            }
            Map<String, String> config = new HashMap<>(JSON.convertValue(root.get("config"), STRING_MAP));
            JsonNode name = root.get("name");
            if (name != null && !name.isNull()) {
                String included = config.putIfAbsent("name", name.asText());
                if (included != null && !included.equals(name.asText())) {
                    throw new ConfigException("Connector config " + file + " names the connector '" + name.asText()
                        + "' but its config says name=" + included);
                }
            }
            return config;
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Cannot parse connector config " + file + ": " + e.getMessage());
        }
    }
}
