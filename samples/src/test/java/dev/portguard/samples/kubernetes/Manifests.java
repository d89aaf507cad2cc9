package dev.portguard.samples.kubernetes;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The files of samples/kubernetes, parsed. */
final class Manifests {
    private Manifests() {
    }

    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(SamplesPaths.kubernetes())) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file (JSON is YAML too), with the safe constructor: plain maps, lists, scalars. */
    static List<Object> load(Path file) {
        try {
            List<Object> docs = new ArrayList<>();
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file)).forEach(docs::add);
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> one(String name) {
        List<Object> docs = load(SamplesPaths.kubernetes().resolve(name));
        if (docs.size() != 1 || !(docs.get(0) instanceof Map)) {
            throw new AssertionError(name + " should hold one mapping, holds " + docs);
        }
        return (Map<String, Object>) docs.get(0);
    }

    /** Follows {@code keys} (map keys, or list indexes as integers) from {@code root}. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object root, Object... keys) {
        Object node = root;
        for (Object key : keys) {
            if (key instanceof Integer i) {
                node = ((List<Object>) node).get(i);
            } else {
                node = ((Map<String, Object>) node).get(key);
            }
            if (node == null) {
                throw new AssertionError("no " + key + " in " + List.of(keys));
            }
        }
        return (T) node;
    }

    /** Every value under a key named {@code key}, anywhere in the tree. */
    @SuppressWarnings("unchecked")
    static void collect(Object node, String key, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (key.equals(k) && v instanceof String s) {
                    out.add(s);
                }
                collect(v, key, out);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, key, out));
        }
    }
}
