package io.hybridlicense.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.platform.EmbeddedCommand;
import io.hybridlicense.shared.AppCommand;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The commands the package's main dispatches before Quarkus starts: each provider file must survive the
 * build (two files of one name, from src/main and src/embedded, would leave only one).
 */
class PackageCommandsTest {

    @Test
    void bothTheCommandsOfTheProductAndOfTheEmbeddedDefaultAreFound() {
        assertThat(ServiceLoader.load(AppCommand.class).stream().map(provider -> provider.get().name()))
                .contains("verify-license-file").doesNotContain("restore");
        assertThat(ServiceLoader.load(EmbeddedCommand.class).stream().map(provider -> provider.get().name()))
                .containsExactly("restore");
    }
}
