package io.hybridlicense.console;

import io.hybridlicense.console.api.ConsoleLocale;
import io.quarkus.arc.Arc;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Every template rendered for a request speaks the request's language ({@link ConsoleLocale}): the bundles
 * ({@code msg:}, {@code admin:} …) and the {@code fmt:} formats read the instance's {@code locale} attribute.
 * Set when the instance is made, inside the request, because rest-qute renders it before any response filter
 * runs; registered with the engine as it is built (Qute does not pick up initializer beans by itself).
 */
@Singleton
class ConsoleTemplateLocale implements TemplateInstance.Initializer {

    private final ConsoleLocale locale;

    ConsoleTemplateLocale(ConsoleLocale locale) {
        this.locale = locale;
    }

    void register(@Observes EngineBuilder engine) {
        engine.addTemplateInstanceInitializer(this);
    }

    @Override
    public void accept(TemplateInstance instance) {
        if (Arc.container().requestContext().isActive()) {
            instance.setLocale(locale.locale());
        }
    }
}
