package io.jenkins.plugins.integrity.sbom;

import io.jenkins.plugins.integrity.check.Finding;
import io.jenkins.plugins.integrity.oci.Layer;
import io.jenkins.plugins.integrity.oci.ResolvedImage;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * What an image holds: its SBOM, the layer that introduced each component, its merged file system (metadata
 * only) and what was found in its files as they streamed past: secrets, and package lists too large to read.
 */
public record ImageSbom(SbomGenerator.Sbom sbom, ResolvedImage image, Map<String, Integer> layerOf,
        NavigableMap<String, ImageFile> files, List<Finding> fileFindings) {
    public ImageSbom {
        layerOf = Map.copyOf(layerOf);
        files = java.util.Collections.unmodifiableNavigableMap(files);
        fileFindings = List.copyOf(fileFindings);
    }

    /** The layer that introduced a component, or null for one not from this image. */
    public Layer layerOf(Component c) {
        Integer i = layerOf.get(c.ref());
        return i == null ? null : image.layers().get(i);
    }

    /** How a finding names a layer: its index and digest. */
    static String describe(Layer layer) {
        String id = layer.id();
        int colon = id.indexOf(':');
        return "layer " + layer.index() + " (" + (colon >= 0 && id.length() > colon + 13 ? id.substring(0, colon + 13)
                : id) + ")";
    }
}
