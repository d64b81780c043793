package io.hybridlicense.auth;

import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registration rules of the API's request body ({@link AuthRequests.Register}: email, password length)
 * for callers that are no JSON endpoint (the console's sign-up, set-up and password pages), refused with the
 * answer the API gives for the same body: 400 {@code invalid-request} naming the fields.
 */
@ApplicationScoped
class AccountRules {

    private final Validator validator;

    AccountRules(Validator validator) {
        this.validator = validator;
    }

    /** @return the email as the API takes it (stripped) */
    String check(String email, String password) {
        AuthRequests.Register body = new AuthRequests.Register(email, password, null);
        refuse(validator.validate(body));
        return body.email();
    }

    void checkNewPassword(String password) {
        refuse(validator.validateValue(AuthRequests.Register.class, "password", password));
    }

    private static <T> void refuse(Set<ConstraintViolation<T>> violations) {
        if (violations.isEmpty()) {
            return;
        }
        List<Problem.FieldError> errors = violations.stream()
                .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        throw new ProblemException(Problem.of(400, "invalid-request", "Bad Request", "Invalid fields: " + fields)
                .withErrors(errors));
    }
}
