package archfixtures.licensevalidation.license.validation;

import jakarta.persistence.EntityManager;

/** Violates "license's validation uses no JPA": a blocking JPA read on the event loop. */
public class CurrentLicenses {
    EntityManager entityManager;
}
