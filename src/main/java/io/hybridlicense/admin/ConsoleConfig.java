package io.hybridlicense.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The web console, under {@code hl.admin.console}. */
@ConfigMapping(prefix = "hl.admin.console")
public interface ConsoleConfig {

    /**
     * The longest a console session lasts after sign-in, however busy: while the console is in use its
     * session is renewed (hl.auth.tokens.access-token-lifetime at a time), never past this; then the user
     * signs in again. Shorter than the access token lifetime: sessions are not renewed at all.
     */
    @WithDefault("PT8H")
    Duration sessionMaxLifetime();
}
