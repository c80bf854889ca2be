package dev.diagonal.text;

import ai.djl.util.Utils;

/**
 * Keeps DJL's Hugging Face tokenizer library strictly local. Before the library is first loaded it
 * selects the CPU build of the native library (already inside the DJL jar; a CUDA build would be
 * downloaded) and opts out of DJL's usage telemetry (a call to the EC2 metadata service on each
 * new tokenizer). Settings the user made through environment variables or system properties win.
 */
final class DjlTokenizerRuntime {

    private static boolean prepared;

    private DjlTokenizerRuntime() {}

    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        setIfUnset("RUST_FLAVOR", "cpu");
        setIfUnset("OPT_OUT_TRACKING", "true");
        prepared = true;
    }

    private static void setIfUnset(String name, String value) {
        if (Utils.getEnvOrSystemProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
