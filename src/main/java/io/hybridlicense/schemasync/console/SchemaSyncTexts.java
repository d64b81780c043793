package io.hybridlicense.schemasync.console;

import io.hybridlicense.console.api.ConsoleLocale;
import io.hybridlicense.schemasync.domain.ChangeRefused;

/**
 * The domain's refusals as a console page says them: in English the aggregate's own sentence (the API's detail),
 * in another language the sentence for its {@link ChangeRefused.Reason}, followed by the aggregate's sentence,
 * which names the column, type or word at fault.
 */
public final class SchemaSyncTexts {

    private SchemaSyncTexts() {
    }

    public static SchemaSyncMessages messages(ConsoleLocale locale) {
        return locale.messages(SchemaSyncMessages.class);
    }

    public static String refusal(ChangeRefused refused, ConsoleLocale locale) {
        if (locale.locale().equals(ConsoleLocale.DEFAULT)) {
            return refused.getMessage();
        }
        SchemaSyncMessages msg = messages(locale);
        String sentence = switch (refused.reason()) {
            case INVALID_NAME -> msg.refusedInvalidName();
            case INVALID_DEFINITION -> msg.refusedInvalidDefinition();
            case CONFLICT -> msg.refusedConflict();
            case NOT_FOUND -> msg.refusedNotFound();
            case UNSUPPORTED -> msg.refusedUnsupported();
            case DRIFTED -> msg.refusedDrifted();
            case DATA_LOSS -> msg.refusedDataLoss();
        };
        return sentence + "（" + refused.getMessage() + "）";
    }
}
