package io.hybridlicense.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.admin.console.AdminMessages;
import io.hybridlicense.console.api.ProblemMessages;
import io.hybridlicense.schemasync.console.SchemaSyncMessages;
import io.hybridlicense.webhooks.console.WebhookMessages;
import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every English message of every console bundle has its Japanese translation in
 * {@code messages/<bundle>_ja.properties}, with the same parameters, and no translation is left without an
 * English message; a Japanese value is written in Japanese unless it is a name that stays as it is.
 */
class ConsoleTranslationsTest {

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");
    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
    /**
     * The same in both languages: the product's name, the language switch's "EN", terms Japanese UIs keep in Latin
     * letters (Webhook, URL, NULL), and the size field's examples, which are SQL.
     */
    private static final Set<String> KEPT_AS_THEY_ARE = Set.of("msg.brand", "msg.languageEnglish", "msg.navWebhooks",
            "hooks.webhooks", "hooks.url", "sync.nullHeader", "sync.sizeHelp");

    @ParameterizedTest
    @ValueSource(classes = {ConsoleMessages.class, AdminMessages.class, SchemaSyncMessages.class, WebhookMessages.class,
            ProblemMessages.class})
    void everyMessageHasAJapaneseTranslationWithTheSameParameters(Class<?> bundle) throws IOException {
        String name = bundle.getAnnotation(MessageBundle.class).value();
        Map<String, String> english = Arrays.stream(bundle.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Message.class))
                .collect(Collectors.toMap(Method::getName, method -> method.getAnnotation(Message.class).value()));
        Properties japanese = japanese(name);

        assertThat(japanese.stringPropertyNames()).as(name + "_ja.properties: keys").containsExactlyInAnyOrderElementsOf(english.keySet());
        english.forEach((key, value) -> {
            String translated = japanese.getProperty(key, "");
            assertThat(parameters(translated)).as(name + "." + key + ": parameters").isEqualTo(parameters(value));
            if (!KEPT_AS_THEY_ARE.contains(name + "." + key)) {
                assertThat(translated).as(name + "." + key + " is Japanese").containsPattern(JAPANESE);
            }
        });
    }

    private static Properties japanese(String bundle) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConsoleTranslationsTest.class.getResourceAsStream("/messages/" + bundle + "_ja.properties")) {
            assertThat(in).as("messages/" + bundle + "_ja.properties").isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Set<String> parameters(String message) {
        Matcher matcher = PARAMETER.matcher(message);
        return matcher.results().map(result -> result.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }
}
