package archfixtures.domain.license.domain;

import jakarta.persistence.Id;

/** Violates "domain code depends on no framework". */
public class License {
    @Id
    String id;
}
