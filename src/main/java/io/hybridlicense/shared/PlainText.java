package io.hybridlicense.shared;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * For emails and names people read: no control characters and no invisible format characters (Unicode
 * category Cf: the bidi controls U+202A–U+202E, U+2066–U+2069, U+200E/U+200F and U+061C, and the
 * zero-width U+200B–U+200D, U+2060 and U+FEFF among them), which make two different values look alike
 * or reorder what is displayed around them.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {

    String message() default "must not contain control, bidirectional or zero-width characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a {@link CharSequence}; {@code null} is valid (use {@code @NotNull} for that). */
    class Validator implements ConstraintValidator<PlainText, CharSequence> {

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || value.codePoints().noneMatch(Validator::hidden);
        }

        private static boolean hidden(int codePoint) {
            int type = Character.getType(codePoint);
            return type == Character.CONTROL || type == Character.FORMAT;
        }
    }
}
