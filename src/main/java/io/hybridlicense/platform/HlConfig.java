package io.hybridlicense.platform;

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

    /** Database settings the application reports on. */
    Database database();

    interface Database {
        /** {@code true} when the embedded default PostgreSQL is in use; set by the application itself. */
        @WithDefault("false")
        boolean embedded();
    }
}
