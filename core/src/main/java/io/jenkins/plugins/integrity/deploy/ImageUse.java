package io.jenkins.plugins.integrity.deploy;

/**
 * Where a deployment file names an image: the file, the YAML document's index, the object (a workload or a
 * Compose service), the YAML path and its line, and the reference as written.
 */
record ImageUse(String file, int document, String object, String path, int line, String image) {}
