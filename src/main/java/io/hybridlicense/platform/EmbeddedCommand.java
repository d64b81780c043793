package io.hybridlicense.platform;

import io.hybridlicense.shared.AppCommand;

/**
 * A command of the embedded default ({@code restore}), registered in {@code src/embedded/resources}
 * under this name: a provider file of its own, since one named after {@link AppCommand} would replace
 * {@code src/main}'s in the package (both are copied to the same path). The native binary has none.
 */
public interface EmbeddedCommand extends AppCommand {
}
