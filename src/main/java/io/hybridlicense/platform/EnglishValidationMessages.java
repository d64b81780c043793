package io.hybridlicense.platform;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.hibernate.validator.spi.messageinterpolation.LocaleResolver;
import org.hibernate.validator.spi.messageinterpolation.LocaleResolverContext;

/**
 * Bean Validation's messages are English, whatever language a request asks for: they are the API's problem
 * details ({@code errors[].message}), which stay English (the problem {@code type} is the contract). Without
 * this, {@code quarkus.locales=en,ja} (the console's languages) would let Hibernate Validator answer an API
 * client sending {@code Accept-Language: ja} with its own Japanese messages. Asked before Quarkus's resolver,
 * which reads that header (a higher priority comes first).
 */
@Singleton
@Priority(1000)
class EnglishValidationMessages implements LocaleResolver {

    @Override
    public Locale resolve(LocaleResolverContext context) {
        return Locale.ENGLISH;
    }
}
