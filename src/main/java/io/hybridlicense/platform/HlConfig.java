package io.hybridlicense.platform;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Application-wide settings; each module documents its own under {@code hl.<module>}. */
@ConfigMapping(prefix = "hl")
public interface HlConfig {

    /**
     * Directory for local state of the embedded default: the embedded PostgreSQL's data and the
     * generated keys. Environment variable {@code HL_DATA_DIR}.
     */
    @WithDefault("data")
    String dataDir();

    /** Request limits answered with problem+json (see docs/errors-and-input.md). */
    Http http();

    /** Database settings the application reports on. */
    Database database();

    interface Http {
        /**
         * Longest request URI (path and query) accepted; longer ones are answered 414. Keep it below
         * {@code quarkus.http.limits.max-initial-line-length}, which answers with a bare status instead.
         */
        @WithDefault("4096")
        int maxUriLength();

        /**
         * Largest total size of the request headers accepted; larger ones are answered 431. Keep it below
         * {@code quarkus.http.limits.max-header-size}, which answers with a bare status instead.
         */
        @WithDefault("20K")
        MemorySize maxHeaderSize();
    }

    interface Database {
        /** {@code true} when the embedded default PostgreSQL is in use; set by the application itself. */
        @WithDefault("false")
        boolean embedded();
    }
}
