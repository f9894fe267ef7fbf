package io.crossbarlab.app.system;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text meant for people and for filtering (names, label values): well-formed Unicode without control
 * characters (NUL, line breaks, escapes), without invisible format characters (bidirectional
 * overrides and isolates, zero-width characters, which make a name display as something it is not)
 * and without lone surrogates or noncharacters (which PostgreSQL and many clients refuse to store).
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String message() default
            "must be plain text: no control characters, invisible format characters (such as bidirectional overrides) or unpaired surrogates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link PlainText}; null is left to {@code @NotNull}. */
    class Validator implements ConstraintValidator<PlainText, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || isPlain(value);
        }

        /** True when {@code s} is plain text in the sense above. */
        public static boolean isPlain(CharSequence s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        return false;
                    }
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    if ((cp & 0xFFFE) == 0xFFFE || Character.getType(cp) == Character.FORMAT) {
                        return false;
                    }
                    continue;
                }
                if (Character.isLowSurrogate(c)) {
                    return false;
                }
                int type = Character.getType(c);
                if (type == Character.CONTROL
                        || type == Character.FORMAT
                        || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR
                        || (c >= 0xFDD0 && c <= 0xFDEF)
                        || c == 0xFFFE
                        || c == 0xFFFF) {
                    return false;
                }
            }
            return true;
        }
    }
}
