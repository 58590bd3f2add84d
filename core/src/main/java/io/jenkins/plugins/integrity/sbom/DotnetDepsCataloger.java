package io.jenkins.plugins.integrity.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A built .NET application's {@code APP.deps.json}, which {@code dotnet publish} writes beside it and images
 * carry (https://github.com/dotnet/sdk/blob/main/documentation/specs/runtime-configuration-file.md): each of
 * its {@code libraries} of type {@code package} is a NuGet package, {@code "Name/Version"}, with the SHA-512
 * NuGet recorded; the {@code dependencies} of its entry in the first target are its dependencies. The
 * application itself ({@code project}) and framework references are not packages.
 */
final class DotnetDepsCataloger implements Cataloger {
    @Override
    public boolean handles(String path) {
        return path.endsWith(".deps.json");
    }

    @Override
    public List<Component> catalog(String path, byte[] content, String distro) {
        JsonNode root = LockfileCatalogers.json(content);
        if (!root.path("libraries").isObject()) {
            throw new IllegalArgumentException("not a .NET deps.json (no 'libraries' object)");
        }
        Iterator<JsonNode> targets = root.path("targets").elements();
        JsonNode target = targets.hasNext() ? targets.next() : MissingNode.getInstance();
        Map<String, String> refs = new HashMap<>();
        List<String> keys = new ArrayList<>();
        List<Component> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("libraries").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> library = it.next();
            int slash = library.getKey().lastIndexOf('/');
            if (!"package".equals(library.getValue().path("type").asText()) || slash <= 0
                    || slash == library.getKey().length() - 1) {
                continue;
            }
            String name = library.getKey().substring(0, slash);
            String version = library.getKey().substring(slash + 1);
            String sha512 = library.getValue().path("sha512").asText("");
            Component c = new Component("nuget", null, name, version, Components.purl("nuget", null, name, version),
                    List.of(), path).withHashes(sha512.startsWith("sha512-") ? Integrity.sha512(sha512.substring(7))
                            : Map.of());
            refs.put(name.toLowerCase(Locale.ROOT) + "/" + version, c.ref());
            keys.add(library.getKey());
            found.add(c);
        }
        List<Component> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            List<String> deps = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = target.path(keys.get(i)).path("dependencies").fields();
                    it.hasNext();) {
                Map.Entry<String, JsonNode> d = it.next();
                String ref = refs.get(d.getKey().toLowerCase(Locale.ROOT) + "/" + d.getValue().asText());
                if (ref != null) {
                    deps.add(ref);
                }
            }
            out.add(deps.isEmpty() ? found.get(i) : found.get(i).withDependencies(deps));
        }
        return out;
    }
}
